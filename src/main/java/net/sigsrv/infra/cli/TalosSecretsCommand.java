package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.sigsrv.infra.talos.secrets.ClusterSecrets;
import net.sigsrv.infra.talos.secrets.SecretsException;
import net.sigsrv.infra.talos.secrets.SecretsStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code infra talos secrets path|import}: where a cluster's secrets are kept, and adopting existing ones. */
@Category("Talos")
@Command(name = "secrets",
        mixinStandardHelpOptions = true,
        header = "Where a cluster's machine secrets are kept, making them, and importing those of a running cluster.",
        description = "The secrets (CAs, keys, tokens) are made once per cluster, as 'talosctl gen secrets' makes"
                + " them, and kept in talosctl's secrets.yaml format with mode 0600 in"
                + " SPECDIR/.infra/talos/LAB/CLUSTER.secrets.yaml (or --secrets-dir). They are never printed.",
        subcommands = {TalosSecretsCommand.PathCommand.class, TalosSecretsCommand.GenerateCommand.class,
            TalosSecretsCommand.ImportCommand.class})
final class TalosSecretsCommand extends CommandGroup {

    /** --secrets-dir, else INFRA_TALOS_SECRETS_DIR, else empty (the store's default beside the spec). */
    static Optional<Path> directory(Path option) {
        return Optional.ofNullable(option).or(() -> Optional.ofNullable(System.getenv("INFRA_TALOS_SECRETS_DIR"))
                .filter(s -> !s.isBlank()).map(Path::of));
    }

    /** What both subcommands share: the cluster, the spec and where secrets are kept. */
    abstract static class Target {
        @Parameters(index = "0", paramLabel = "CLUSTER", description = "A cluster of the spec's clusters: section.")
        String cluster;

        @Option(names = "--secrets-dir", paramLabel = "DIR",
                description = "Keep the secrets files in DIR (also INFRA_TALOS_SECRETS_DIR; default:"
                        + " .infra/talos/LAB beside the spec).")
        Path secretsDir;

        @Spec
        CommandSpec command;

        ClusterSecrets secrets(Path specArgument) {
            Path specFile = OpsSession.specFile(specArgument).orElseThrow(() -> InfraException.invalidInput(
                    "no spec: name it (SPEC), or set INFRA_SPEC, or run where ./infra.yaml is"));
            var spec = SpecInput.load(specFile, command.commandLine().getErr());
            try {
                return ClusterSecrets.of(spec, specFile, cluster, directory(secretsDir));
            } catch (IllegalArgumentException e) {
                throw InfraException.invalidInput(e.getMessage());
            }
        }
    }

    @Category("Talos")
    @Command(name = "path", mixinStandardHelpOptions = true,
            header = "Print where a cluster's secrets file is (or will be); prints no secret.")
    static final class PathCommand extends Target implements Callable<Integer> {
        @Parameters(index = "1", arity = "0..1", paramLabel = "SPEC",
                description = "The lab spec (default: INFRA_SPEC, else ./infra.yaml).")
        Path spec;

        @Override
        public Integer call() {
            command.commandLine().getOut().println(secrets(spec).path());
            return ExitCode.OK.code();
        }
    }

    @Category("Talos")
    @Command(name = "generate", mixinStandardHelpOptions = true,
            header = "Make a cluster's secrets if none are kept (apply does the same); prints the path, never a secret.",
            description = "Kept secrets are reused as they are: generating twice gives the same file.")
    static final class GenerateCommand extends Target implements Callable<Integer> {
        @Parameters(index = "1", arity = "0..1", paramLabel = "SPEC",
                description = "The lab spec (default: INFRA_SPEC, else ./infra.yaml).")
        Path spec;

        @Override
        public Integer call() {
            ClusterSecrets secrets = secrets(spec);
            try {
                secrets.loadOrCreate(Instant.now());
            } catch (SecretsException e) {
                throw InfraException.invalidInput(e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                throw InfraException.invalidInput(e.getMessage() + ": " + e.getCause().getMessage());
            }
            command.commandLine().getOut().println(secrets.path());
            return ExitCode.OK.code();
        }
    }

    @Category("Talos")
    @Command(name = "import", mixinStandardHelpOptions = true,
            header = "Adopt the secrets of a running cluster (talosctl's secrets.yaml or the OpenTofu provider's"
                    + " machine_secrets); prints the path they are kept at.",
            description = "Every part is checked first (keys parse, certificates are CAs, each key belongs to its"
                    + " certificate, tokens have Talos's shape); a problem names the field, never its value."
                    + " A different bundle already kept for the cluster is replaced only with --force.")
    static final class ImportCommand extends Target implements Callable<Integer> {
        @Parameters(index = "1", paramLabel = "FILE",
                description = "talosctl's secrets.yaml, or the provider's machine_secrets as YAML or JSON.")
        Path file;

        @Parameters(index = "2", arity = "0..1", paramLabel = "SPEC",
                description = "The lab spec (default: INFRA_SPEC, else ./infra.yaml).")
        Path spec;

        @Option(names = "--force", description = "Replace a different bundle already kept for the cluster (the"
                + " cluster made with it can no longer be reached with infra).")
        boolean force;

        @Override
        public Integer call() {
            ClusterSecrets secrets = secrets(spec);
            SecretsStore.Outcome outcome;
            try {
                outcome = secrets.importFile(file, force, Instant.now());
            } catch (SecretsException e) {
                throw InfraException.invalidInput(e.getMessage());
            } catch (java.io.UncheckedIOException e) {
                throw InfraException.invalidInput(e.getMessage() + ": " + e.getCause().getMessage());
            }
            if (outcome == SecretsStore.Outcome.REFUSED_DIFFERENT) {
                throw InfraException.invalidInput(secrets.path() + ": cluster " + secrets.cluster() + " already has"
                        + " different secrets; --force replaces them (nodes made with the old ones stop trusting"
                        + " infra)");
            }
            command.commandLine().getOut().println(secrets.path());
            return ExitCode.OK.code();
        }
    }
}
