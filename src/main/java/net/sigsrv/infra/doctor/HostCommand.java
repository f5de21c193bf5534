package net.sigsrv.infra.doctor;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.sigsrv.infra.guard.Redactor;

/**
 * One command for a host's root shell (run in the host's network namespace), as an argument list. {@link #text()}
 * is the one place where a command is quoted for the remote shell (POSIX single quotes): the prompt shows that
 * string, the audit log records it and SSH sends it, so what was confirmed is what runs. Build the arguments from
 * checked values ({@link HostValues}, {@link HostRemedy}), never from text pasted together.
 */
public record HostCommand(String host, List<String> argv) {

    /** Words the shell reads as themselves: no quoting needed, so plain commands stay readable. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:@%+,-]+");
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
            new com.fasterxml.jackson.databind.ObjectMapper();

    public HostCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a host command needs at least the program to run");
        }
    }

    public static HostCommand of(String host, String... argv) {
        return new HostCommand(host, List.of(argv));
    }

    /** The command line the remote shell reads back into exactly {@link #argv()}. */
    public String text() {
        return argv.stream().map(HostCommand::quote).collect(Collectors.joining(" "));
    }

    /**
     * Why this command must not be run, or empty: it holds a character that cannot be shown as it is (a control
     * character, or anything beyond printable ASCII, could make the prompt show other text than what runs), or the
     * secret filter every output and the audit log pass through would change how it is shown.
     */
    public Optional<String> whyNotRunnable() {
        for (String arg : argv) {
            Optional<String> shown = HostValues.unshowable(arg);
            if (shown.isPresent()) {
                return shown;
            }
        }
        String line = toString();
        if (!Redactor.redact(line).equals(line) || !Redactor.redact(json(text())).equals(json(text()))) {
            return Optional.of("it looks like it holds a secret, so the prompt and the audit log would show it"
                    + " masked, not as it runs");
        }
        return Optional.empty();
    }

    /** {@code host$ text}: how the prompt and the report show it. */
    @Override
    public String toString() {
        return host + "$ " + text();
    }

    /**
     * {@code word} as one word of a POSIX shell command line: as it is when it holds only {@link #PLAIN}
     * characters, else in single quotes, each {@code '} inside written {@code '\''} (nothing is special between
     * single quotes, so no expansion, substitution or splitting can happen).
     */
    static String quote(String word) {
        if (PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** {@code s} as a JSON string, the form it takes inside an audit line. */
    private static String json(String s) {
        try {
            return JSON.writeValueAsString(s);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
