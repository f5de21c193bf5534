package net.sigsrv.infra.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.LongConsumer;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.remote.Remotes;
import net.sigsrv.infra.ops.DefaultProject;
import net.sigsrv.infra.ops.Guards;
import net.sigsrv.infra.ops.Refused;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What every ops command shares: the client for {@code --remote}, the project ({@code --project}, else the one
 * {@code infra project switch} stored for the remote, else {@code default}), the spec whose guard rules apply
 * ({@code --spec FILE}, else {@code INFRA_SPEC}, else {@code ./infra.yaml} when it exists), and the mapping of a
 * refusal to exit 2.
 */
final class OpsSession {

    /** An ops command's body, which may be refused. */
    interface Body {
        int run(OpsSession session) throws Exception;
    }

    final IncusClient client;
    final String project;
    final CommandSpec command;
    private final OpsCommand.SpecOption specOption;

    private OpsSession(IncusClient client, String project, CommandSpec command, OpsCommand.SpecOption specOption) {
        this.client = client;
        this.project = project;
        this.command = command;
        this.specOption = specOption;
    }

    /** Opens a session, runs {@code body}, closes; a refusal becomes exit 2 with its message. */
    static int run(CommandSpec command, OpsCommand.ProjectOption project, OpsCommand.SpecOption spec, Body body)
            throws Exception {
        String explicit = project == null ? null : project.project;
        String resolved = defaults().resolve(remoteName(command), explicit);
        try (IncusClient client = Connections.open(command)) {
            return body.run(new OpsSession(client, resolved, command, spec));
        } catch (Refused r) {
            throw InfraException.invalidInput(r.getMessage());
        }
    }

    PrintWriter out() {
        return command.commandLine().getOut();
    }

    PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The guard rules of the spec the user pointed at (exit 2 when that spec has errors), or none. */
    Guards guards() {
        Optional<Path> file = specFile(specOption == null ? null : specOption.spec);
        if (file.isEmpty()) {
            return Guards.none();
        }
        return Guards.of(Optional.of(load(file.get())), file.get().toString());
    }

    /** The spec itself, when one is given or found. */
    Optional<Spec> spec() {
        return specFile(specOption == null ? null : specOption.spec).map(this::load);
    }

    /** A spec with errors stops the command (exit 2, positions printed); its lint warnings are not repeated here. */
    private Spec load(Path file) {
        SpecLoader.Loaded loaded = SpecLoader.load(file, file.toString());
        return loaded.ok() ? loaded.spec().orElseThrow() : SpecInput.load(file, err());
    }

    static Optional<Path> specFile(Path given) {
        if (given != null) {
            if (!Files.isRegularFile(given)) {
                throw InfraException.invalidInput("--spec " + given + ": no such file");
            }
            return Optional.of(given);
        }
        String env = System.getenv("INFRA_SPEC");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path local = Path.of("infra.yaml");
        return Files.isRegularFile(local) ? Optional.of(local) : Optional.empty();
    }

    /** Prints the line that says what a command did; exit 0. */
    int done(String line) {
        out().println(line);
        return ExitCode.OK.code();
    }

    /** Progress of a transfer on stderr: at most one line a second, and the total at the end. */
    LongConsumer progress(String what) {
        return new TransferProgress(err(), what);
    }

    /** infra's own config directory; {@code -Dsigsrv.infra.config=DIR} moves it (tests). */
    static Path configDir() {
        String override = System.getProperty("sigsrv.infra.config");
        return override != null ? Path.of(override) : Remotes.fromEnvironment().own().dir();
    }

    static DefaultProject defaults() {
        return new DefaultProject(configDir());
    }

    /** The name default projects are kept under: the remote, or "sim" for the simulator. */
    static String remoteName(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        return root.sim().isPresent() ? "sim" : Connections.resolve(command).name();
    }

    static String orDash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }

    static String join(List<String> items) {
        return items.isEmpty() ? "-" : String.join(",", items);
    }
}
