package net.sigsrv.infra.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * The question asked before a command changes the lab, answered on stdin: only 'yes' (surrounding spaces aside)
 * consents; anything else, or the end of input, declines. Options that consent in advance ({@code --auto-approve},
 * {@code --yes}) are the commands' own.
 */
final class Confirmation {

    private Confirmation() {
    }

    /** Prints {@code question} and " Only 'yes' will be accepted: " after an empty line; whether the answer is yes. */
    static boolean ask(PrintWriter out, String question) throws IOException {
        out.print("\n" + question + " Only 'yes' will be accepted: ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        return "yes".equals(answer == null ? null : answer.strip());
    }
}
