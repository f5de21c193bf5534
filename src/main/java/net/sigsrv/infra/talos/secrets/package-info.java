/**
 * A Talos cluster's machine secrets: {@link net.sigsrv.infra.talos.secrets.SecretsBundle} (the values, never shown
 * by {@code toString}), {@link net.sigsrv.infra.talos.secrets.SecretsGenerator} (new bundles, the way
 * {@code talosctl gen secrets} makes them: the same key types, PEM labels and CA certificate fields),
 * {@link net.sigsrv.infra.talos.secrets.SecretsFile} (talosctl's {@code secrets.yaml} format, and the OpenTofu
 * provider's {@code machine_secrets} spelling on input), {@link net.sigsrv.infra.talos.secrets.SecretsCheck} (every
 * part checked, problems named by field, never by value) and {@link net.sigsrv.infra.talos.secrets.SecretsStore}
 * (one 0600 file per cluster, in a 0700 directory, generated once and reused).
 *
 * <p>Problems are values ({@link net.sigsrv.infra.talos.secrets.SecretsCheck.Problem}); no message here ever holds a
 * secret's value.
 */
package net.sigsrv.infra.talos.secrets;
