package net.sigsrv.infra.cli;

import picocli.CommandLine;

/** {@code infra --version}: the build's version (from the jar manifest) and the Java runtime. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Main.class.getPackage().getImplementationVersion();
        return new String[] {"infra " + (version == null ? "dev" : version) + " (Java "
                + Runtime.version().feature() + ")"};
    }
}
