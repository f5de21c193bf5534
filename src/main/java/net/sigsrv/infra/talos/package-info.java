/**
 * The Talos layer: everything a Talos Kubernetes cluster needs beyond the Incus objects it stands on:
 * {@code talos.secrets} (each cluster's machine secrets, made as {@code talosctl gen secrets} makes them, kept in a
 * 0600 file beside the spec, imported from talosctl or the OpenTofu Talos provider), {@code talos.config} (machine
 * configuration), {@code talos.api} and {@code talos.proto} (the Talos API client). Node lifecycle steps come next.
 *
 * <p>Must not print: secrets leave this package only as files with mode 0600; nothing here writes to a stream, a log
 * or the audit log. Must not use {@code cli} or {@code web}.
 */
package net.sigsrv.infra.talos;
