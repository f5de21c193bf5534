package net.sigsrv.infra.incus;

import java.util.List;

/**
 * What a GET of an instance's file path found ({@code X-Incus-Type}/{@code X-LXD-Type}): a file or symlink (the
 * link's target is its content), streamed into the sink, with its mode when the daemon says; or a directory, whose
 * entry names come back and nothing is written.
 */
public record Fetched(String type, long size, String mode, List<String> entries) {

    public boolean isDirectory() {
        return "directory".equals(type);
    }
}
