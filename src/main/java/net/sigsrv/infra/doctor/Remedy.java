package net.sigsrv.infra.doctor;

import java.util.List;

/**
 * What to do about a finding: a sentence, and — where no API offers the fix — the exact commands to run on which
 * host ({@code infra doctor --fix} runs those over SSH after showing them). {@code refused} is not empty when the
 * remedy needed host commands but the values they would be built from failed their checks ({@link HostRemedy}):
 * then there is no command, and the sentence says why and what to check by hand. {@code daemonFixes} are the steps
 * an API call makes ({@link DaemonFix}; {@code --fix} runs them too, before the host commands). Empty for ok findings.
 */
public record Remedy(String text, List<HostCommand> commands, String refused, List<DaemonFix> daemonFixes) {

    public static final Remedy NONE = new Remedy("", List.of());

    public Remedy {
        commands = List.copyOf(commands);
        refused = refused == null ? "" : refused;
        daemonFixes = daemonFixes == null ? List.of() : List.copyOf(daemonFixes);
        if (!refused.isEmpty() && !commands.isEmpty()) {
            throw new IllegalArgumentException("a refused remedy has no command");
        }
    }

    public Remedy(String text, List<HostCommand> commands, String refused) {
        this(text, commands, refused, List.of());
    }

    public Remedy(String text, List<HostCommand> commands) {
        this(text, commands, "");
    }

    public static Remedy say(String text) {
        return new Remedy(text, List.of());
    }

    public static Remedy run(String text, HostCommand... commands) {
        return new Remedy(text, List.of(commands));
    }

    /** A remedy made through the daemon's API: {@code --fix} runs {@code fixes}. */
    public static Remedy daemon(String text, DaemonFix... fixes) {
        return new Remedy(text, List.of(), "", List.of(fixes));
    }

    /** A remedy whose host commands could not be built safely: {@code text} says what to do by hand. */
    public static Remedy refused(String text, String why) {
        return new Remedy(text, List.of(), why);
    }

    public boolean isRefused() {
        return !refused.isEmpty();
    }

    public boolean isEmpty() {
        return text.isEmpty() && commands.isEmpty() && daemonFixes.isEmpty();
    }
}
