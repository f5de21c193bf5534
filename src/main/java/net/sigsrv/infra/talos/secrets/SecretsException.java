package net.sigsrv.infra.talos.secrets;

import java.util.List;

/**
 * A secrets file that cannot be used: unreadable, too open, malformed, or holding a bad part. The message names the
 * file and each problem's field, never a value.
 */
public final class SecretsException extends RuntimeException {

    private final List<SecretsCheck.Problem> problems;

    public SecretsException(String message, List<SecretsCheck.Problem> problems) {
        super(message + (problems.isEmpty() ? "" : ":\n  " + String.join("\n  ",
                problems.stream().map(SecretsCheck.Problem::toString).toList())));
        this.problems = List.copyOf(problems);
    }

    public List<SecretsCheck.Problem> problems() {
        return problems;
    }
}
