package net.sigsrv.infra.doctor;

import java.util.List;

/**
 * What to do about a finding: a sentence, and — where no API offers the fix — the exact shell commands to run on
 * which host ({@code infra doctor --fix} runs those over SSH after showing them). Empty for ok findings.
 */
public record Remedy(String text, List<HostCommand> commands) {

    public static final Remedy NONE = new Remedy("", List.of());

    public Remedy {
        commands = List.copyOf(commands);
    }

    public static Remedy say(String text) {
        return new Remedy(text, List.of());
    }

    public static Remedy run(String text, HostCommand... commands) {
        return new Remedy(text, List.of(commands));
    }

    public boolean isEmpty() {
        return text.isEmpty() && commands.isEmpty();
    }

    /** A command for one host's shell (run as root in the host's network namespace). */
    public record HostCommand(String host, String command) {
        @Override
        public String toString() {
            return host + "$ " + command;
        }
    }
}
