package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import net.sigsrv.infra.doctor.Area;
import net.sigsrv.infra.doctor.Check;
import net.sigsrv.infra.doctor.Doctor;
import net.sigsrv.infra.doctor.Fixer;
import net.sigsrv.infra.doctor.Report;
import net.sigsrv.infra.doctor.ReportJson;
import net.sigsrv.infra.doctor.ReportText;
import net.sigsrv.infra.doctor.Severity;
import net.sigsrv.infra.doctor.SshShell;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.schema.Suggest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Health")
@Command(name = "doctor",
        mixinStandardHelpOptions = true,
        header = "Diagnose the lab: cluster, cross-host network, storage, isolation; name the root cause and its fix.",
        description = {"Runs the lab's troubleshooting workflows through the Incus API: every member Online, the"
                + " same version everywhere; each instance's NIC on its network with a lease, its gateway and"
                + " instances on other members answering ping (probe containers in project infra-doctor when no"
                + " instance fits; removed after); on every member each bridge with its VLAN interface attached,"
                + " up, with the bridge's MTU, the right VLAN id and no address; along each segment the same MTU"
                + " (the spec's) on every member, and full-size pings across; every pool Created and below"
                + " 80 %%/95 %% full; privileged instances and projects without limits. A failed cross-host ping is"
                + " shown as caused by the bridge or VLAN finding that explains it. With SPEC it also checks what"
                + " the spec says should be there.",
                "",
                "Examples:",
                "  infra doctor --remote lab examples/lab.yaml      # everything, against the spec",
                "  infra doctor --area network --remote lab          # only the network checks",
                "  infra doctor --check network-vlan-up -o json      # one check, machine-readable",
                "  infra doctor --fix --remote lab examples/lab.yaml # show the host commands, ask, run them over SSH",
                "  infra doctor --list-checks                        # every check with its ID and remedy",
                "",
                "Exit status: 0 all ok, 1 warnings only, 3 errors or worse (0 with --exit-zero), 2 bad input,"
                        + " 4 the lab could not be reached."})
final class DoctorCommand implements Callable<Integer> {

    @Parameters(paramLabel = "SPEC", arity = "0..1", description = "The lab spec (YAML); without it, the lab is"
            + " checked as it is.")
    Path file;

    @Mixin
    Selection selection = new Selection();

    @Mixin
    Rendering rendering = new Rendering();

    @Option(names = "--list-checks", description = "List every check (ID, area, what it checks, remedy) and exit.")
    boolean listChecks;

    @Option(names = "--markdown", hidden = true, description = "With --list-checks: the Markdown table of docs/doctor.md.")
    boolean markdown;

    @Option(names = "--fix", description = "After the report, show the changes through the daemon's API and the host"
            + " commands that fix the root causes, ask, make the changes and run the commands over SSH; then check"
            + " again.")
    boolean fix;

    @Option(names = "--yes", description = "With --fix: do not ask before running the commands.")
    boolean yes;

    @Option(names = "--ssh-config", paramLabel = "FILE", description = "OpenSSH client config naming the hosts"
            + " (Host = member name; HostName, Port, User, IdentityFile, UserKnownHostsFile). Default:"
            + " ~/.ssh/config; a host without an entry is reached at the spec's address as root.")
    Path sshConfig;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        if (listChecks) {
            printCatalog(out, markdown, rendering.output);
            return ExitCode.OK.code();
        }
        Optional<Spec> spec = Optional.ofNullable(file).map(f -> SpecInput.load(f, command.commandLine().getErr()));
        Doctor.Options options = selection.options(Optional.empty(), command.commandLine().getErr());
        if (!fix) {
            return run(command, spec, options, rendering);
        }
        return fix(spec, options);
    }

    /** Reports, shows what {@link Fixer} will run, asks, runs it, then checks again. */
    private int fix(Optional<Spec> spec, Doctor.Options options) throws IOException {
        Report before = runOnly(command, spec, options);
        PrintWriter talk = rendering.output == OutputFormat.JSON ? command.commandLine().getErr()
                : command.commandLine().getOut();
        if (rendering.output != OutputFormat.JSON) {
            talk.print(new ReportText(Terminal.colour(), rendering.verbose).render(before));
        }
        Fixer.Plan plan = Fixer.Plan.of(before);
        DoctorFixTalk say = new DoctorFixTalk(talk);
        say.refused(plan.refused());
        if (plan.unrunnable().isPresent()) {
            throw refusing(plan.unrunnable().get());
        }
        if (plan.isEmpty()) {
            say.nothingToFix(before.worst().isProblem());
            return rendering.exit(before);
        }
        say.plan(plan);
        Path config = sshConfig != null ? sshConfig : Path.of(System.getProperty("user.home"), ".ssh", "config");
        Fixer fixer = new Fixer(() -> Connections.open(command), () -> SshShell.forLab(config, spec),
                Audit.log(command, "ssh", null), say);
        return switch (fixer.run(plan, () -> yes || Confirmation.ask(talk, "Run these commands?"))) {
            case Fixer.Outcome.Cancelled c -> throw InfraException.invalidInput("fix cancelled; nothing was run");
            case Fixer.Outcome.Unrunnable u -> throw refusing(u);
            case Fixer.Outcome.DaemonFixFailed f ->
                    stopped("infra: stopped at the first failed change; nothing more was run");
            case Fixer.Outcome.CommandFailed f ->
                    stopped("infra: stopped at the first failed command; the lab is as the commands above left it");
            case Fixer.Outcome.NothingToFix n -> rendering.exit(before);
            case Fixer.Outcome.Fixed done -> {
                say.checkingAgain();
                yield run(command, spec, options, rendering);
            }
        };
    }

    private static InfraException refusing(Fixer.Outcome.Unrunnable u) {
        return InfraException.invalidInput("refusing to run host commands: " + u.command().host() + ": " + u.why()
                + "; nothing was run");
    }

    private int stopped(String why) {
        PrintWriter err = command.commandLine().getErr();
        err.println(why);
        err.flush();
        return ExitCode.LAB_ERROR.code();
    }

    /** Runs the doctor against the lab behind --remote/--sim and renders the report; returns the exit code. */
    static int run(CommandSpec command, Optional<Spec> spec, Doctor.Options options, Rendering rendering) {
        Report report = runOnly(command, spec, options);
        PrintWriter out = command.commandLine().getOut();
        if (rendering.output == OutputFormat.JSON) {
            Json.print(out, ReportJson.tree(report, true));
        } else {
            out.print(new ReportText(Terminal.colour(), rendering.verbose).render(report));
        }
        out.flush();
        return rendering.exit(report);
    }

    private static Report runOnly(CommandSpec command, Optional<Spec> spec, Doctor.Options options) {
        PrintWriter err = command.commandLine().getErr();
        try (IncusClient client = Connections.open(command)) {
            return Doctor.run(client, spec, options.withProgress(m -> {
                err.println("doctor: " + m);
                err.flush();
            }));
        }
    }

    static void printCatalog(PrintWriter out, boolean markdown, OutputFormat format) {
        if (format == OutputFormat.JSON) {
            Json.print(out, java.util.Map.of("checks", ReportJson.catalog()));
            return;
        }
        if (markdown) {
            out.println("| check | area | what it checks | remedy |");
            out.println("|---|---|---|---|");
            for (Check c : Check.values()) {
                out.println("| `" + c.id() + "` | " + c.area().id() + " | " + c.what().replace("|", "\\|") + " | "
                        + c.remedy().replace("|", "\\|") + " |");
            }
            return;
        }
        Table t = new Table("CHECK", "AREA", "WHAT IT CHECKS");
        for (Check c : Check.values()) {
            t.row(c.id(), c.area().id(), c.what());
        }
        t.print(out);
    }

    /** Which checks run: --check, --area, --ignore, probes. Shared with {@code infra health}. */
    static final class Selection {
        @Option(names = "--check", paramLabel = "ID", split = ",", description = "Run only this check (repeatable;"
                + " see --list-checks).")
        List<String> only = new ArrayList<>();

        @Option(names = "--area", paramLabel = "AREA", split = ",", description = "Run only the checks of this area:"
                + " cluster, network, storage, security (repeatable).")
        List<String> areas = new ArrayList<>();

        @Option(names = "--ignore", paramLabel = "ID", split = ",", description = "Skip this check (repeatable).")
        List<String> ignore = new ArrayList<>();

        @Option(names = "--no-probes", description = "Never create probe containers (the ping checks then use"
                + " existing instances only).")
        boolean noProbes;

        @Option(names = "--probe-image", paramLabel = "ALIAS", description = "Image of the probe containers: small,"
                + " with sh, ip and ping, and a DHCP client (default: busybox; a probe without a lease in 8 s takes a"
                + " free address itself, checked with arping where the image has it).")
        String probeImage = "busybox";

        Doctor.Options options(Optional<Set<Check>> view, PrintWriter err) {
            Set<Check> checks = view.map(EnumSet::copyOf).orElseGet(() -> EnumSet.allOf(Check.class));
            if (!only.isEmpty()) {
                checks.retainAll(ids(only));
            }
            if (!areas.isEmpty()) {
                Set<Area> wanted = EnumSet.noneOf(Area.class);
                for (String a : areas) {
                    wanted.add(Area.of(a).orElseThrow(() -> InfraException.invalidInput("--area " + a + ": no such"
                            + " area" + Suggest.hint(a, Arrays.stream(Area.values()).map(Area::id).toList())
                            + "; areas: cluster, network, storage, security")));
                }
                checks.removeIf(c -> !wanted.contains(c.area()));
            }
            checks.removeAll(ids(ignore));
            return Doctor.Options.all().withChecks(checks).withProbes(!noProbes, probeImage);
        }

        private static Set<Check> ids(List<String> ids) {
            Set<Check> out = EnumSet.noneOf(Check.class);
            List<String> known = Arrays.stream(Check.values()).map(Check::id).toList();
            for (String id : ids) {
                out.add(Check.of(id).orElseThrow(() -> InfraException.invalidInput("no check '" + id + "'"
                        + Suggest.hint(id, known) + "; 'infra doctor --list-checks' lists them")));
            }
            return out;
        }
    }

    /** How the report is shown and what it exits with. Shared with {@code infra health}. */
    static final class Rendering extends TextOrJsonOption {
        @Option(names = {"-v", "--verbose"}, description = "Show every ok finding on its own line.")
        boolean verbose;

        @Option(names = "--exit-zero", description = "Exit 0 whatever the report says (for people who want the"
                + " report only).")
        boolean exitZero;

        int exit(Report report) {
            if (output == OutputFormat.YAML) {
                throw InfraException.invalidInput("--output yaml: the doctor prints text or json");
            }
            if (exitZero) {
                return ExitCode.OK.code();
            }
            Severity worst = report.worst();
            return switch (worst) {
                case OK -> ExitCode.OK.code();
                case WARN -> ExitCode.DIFFERENCES.code();
                case ERROR, CRITICAL -> ExitCode.FINDINGS.code();
            };
        }
    }
}
