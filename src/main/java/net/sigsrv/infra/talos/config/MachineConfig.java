package net.sigsrv.infra.talos.config;

/**
 * One node's machine configuration, ready to send or write.
 *
 * @param node the node's name
 * @param role {@code controlplane} or {@code worker}
 * @param yaml the document; holds secrets, so {@link #toString} leaves it out
 */
public record MachineConfig(String node, String role, String yaml) {

    /** The file name {@code infra talos config} writes it under. */
    public String fileName() {
        return node + ".yaml";
    }

    @Override
    public String toString() {
        return "MachineConfig[" + node + " (" + role + "), content not shown]";
    }
}
