package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.remote.RemoteName;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code infra} command. Without a subcommand it prints the command list. */
@Command(name = "infra",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        header = "A control plane for small multi-host Incus labs with Talos Kubernetes on top.",
        description = "One YAML file describes the whole lab: hosts, bridges on VLANs, storage pools, projects,"
                + " instances, zones, ACLs and Talos clusters. Start with '@|bold infra validate"
                + " examples/sigsrv.yaml|@'.",
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0   success", "  1   differences found (fmt --check); doctor: warnings only",
            "  2   bad input: spec errors, unreadable file, wrong option; nothing touched",
            "  3   doctor: errors or worse found in the lab",
            "  4   the lab could not be reached, or refused or failed a request",
            "  70  internal error (a bug)",
            "", "Run 'infra list' for every command by category, 'infra COMMAND --help' for one."})
public final class InfraCommand implements Runnable {

    /**
     * Every subcommand, in the order help lists them. They are registered by {@link #register} — all of them, or only
     * the one a command line names: picocli builds each command's model by reflection, ~0.2 s for the whole tree on
     * a cold JVM, which a single command need not pay.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
            ValidateCommand.class,
            FmtCommand.class,
            RulesCommand.class,
            PlanCommand.class,
            ShowCommand.class,
            ApplyCommand.class,
            DestroyCommand.class,
            AdoptCommand.class,
            ForgetCommand.class,
            UnlockCommand.class,
            HostsCommand.class,
            InstancesCommand.class,
            ProjectCommand.class,
            InstanceCommand.class,
            NetworkCommand.class,
            StorageCommand.class,
            DoctorCommand.class,
            HealthCommand.class,
            RemoteCommand.class,
            SimCommand.class,
            TalosCommand.class,
            SchemaCommand.class,
            AuditCommand.class,
            ListCommand.class,
            CompletionCommand.class);

    /**
     * Adds to {@code root} the subcommand {@code args} names, or every subcommand when the line names none, names
     * one that needs the whole tree ({@code list}, {@code completion}) or one that does not exist (so help,
     * suggestions and errors see them all). {@code root} has no subcommand yet.
     */
    static void register(CommandLine root, String[] args) {
        Leading leading = leading(root, args);
        if (leading.name().isEmpty() && leading.versionOnly()) {
            return; // the version needs no command at all
        }
        Optional<Class<?>> only = leading.name().flatMap(name -> SUBCOMMANDS.stream()
                .filter(c -> names(c).contains(name)).findFirst())
                .filter(c -> c != ListCommand.class && c != CompletionCommand.class);
        for (Class<?> c : only.map(List::<Class<?>>of).orElse(SUBCOMMANDS)) {
            root.addSubcommand(c);
        }
    }

    /** The whole command tree, every subcommand registered (for catalogs and tests that walk it). */
    public static CommandLine tree() {
        CommandLine root = new CommandLine(new InfraCommand());
        register(root, new String[0]);
        return root;
    }

    /**
     * What the line says before its subcommand: the subcommand's name (the first argument that is neither a root
     * option nor one's value) and whether only the version was asked for. Picocli reads the root options, so an
     * option's value is never taken for the name; it stops at the first positional argument. A line the root
     * options cannot parse names nothing: the whole tree is registered and the real parse reports the error.
     */
    record Leading(Optional<String> name, boolean versionOnly) {
    }

    static Leading leading(CommandLine root, String[] args) {
        root.setStopAtPositional(true).setUnmatchedArgumentsAllowed(true);
        try {
            CommandLine.ParseResult parsed = root.parseArgs(args);
            // unknown options are unmatched too, and come before the first positional argument
            Optional<String> name = parsed.unmatched().stream().filter(a -> !a.startsWith("-")).findFirst();
            return new Leading(name, parsed.isVersionHelpRequested() && !parsed.isUsageHelpRequested());
        } catch (CommandLine.ParameterException e) {
            return new Leading(Optional.empty(), false);
        } finally {
            root.setStopAtPositional(false).setUnmatchedArgumentsAllowed(false);
        }
    }

    private static List<String> names(Class<?> c) {
        Command command = c.getAnnotation(Command.class);
        List<String> names = new java.util.ArrayList<>(List.of(command.aliases()));
        names.add(command.name());
        return names;
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--remote", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The Incus remote to talk to (also INFRA_REMOTE): a remote of the incus/lxc CLI, 'lab'"
                    + " (the test lab) or 'local' (the local socket). Overrides the spec's own hosts.")
    String remote;

    @Option(names = "--sim", scope = ScopeType.INHERIT,
            description = "Talk to the embedded simulated Incus cluster instead of a daemon (state in --sim-dir;"
                    + " no root, no network). Not with --remote.")
    boolean sim;

    @Option(names = "--sim-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Where the simulator keeps its state (default: .infra/sim in the working directory).")
    Path simDir;

    @Option(names = "--audit-log", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Append the audit log of changes to FILE (also INFRA_AUDIT_LOG; default:"
                    + " $XDG_STATE_HOME/sigsrv-infra/audit.jsonl or ~/.local/state/sigsrv-infra/audit.jsonl).")
    Path auditLog;

    /** Whether the command line asks for the simulator, and where its state lives. */
    Optional<Path> sim() {
        return sim ? Optional.of(simDir == null ? net.sigsrv.infra.sim.SimStore.DEFAULT_DIR : simDir)
                : Optional.empty();
    }

    /** The state directory the {@code sim} commands work on (they need no {@code --sim}). */
    Path simDir() {
        return simDir == null ? net.sigsrv.infra.sim.SimStore.DEFAULT_DIR : simDir;
    }

    /**
     * The remote named on the command line or in INFRA_REMOTE, if any; a name that is not a plain name (it names
     * files) is bad input, refused before any file is read with it.
     */
    Optional<String> remote() {
        return remote(System.getenv());
    }

    /** {@link #remote()} with {@code env} for the environment. */
    Optional<String> remote(Map<String, String> env) {
        if (remote != null && !remote.isBlank()) {
            return Optional.of(plain("--remote", remote));
        }
        String named = env.get("INFRA_REMOTE");
        return named == null || named.isBlank() ? Optional.empty() : Optional.of(plain("INFRA_REMOTE", named));
    }

    private static String plain(String source, String name) {
        try {
            return RemoteName.check(name);
        } catch (IllegalArgumentException e) {
            throw InfraException.invalidInput(source + ": " + e.getMessage());
        }
    }

    @Override
    public void run() {
        ListCommand.print(spec.commandLine(), spec.commandLine().getOut());
    }
}
