package net.sigsrv.infra.incus.remote;

import net.sigsrv.infra.incus.Endpoint;

/**
 * A named endpoint and where its definition came from (for {@code infra remote list} and error messages).
 *
 * @param origin e.g. "~/.config/incus/config.yml", "built-in", "lab/.state/lab.json"
 */
public record Remote(String name, Endpoint endpoint, String origin) {
}
