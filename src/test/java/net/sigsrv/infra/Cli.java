package net.sigsrv.infra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import net.sigsrv.infra.cli.Main;

/** Runs the {@code infra} command in-process, as a user would, and captures what it prints. */
public final class Cli {

    /** What one run produced. */
    public record Result(int exitCode, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    private Cli() {
    }

    /** Runs {@code infra --sim --sim-dir STATE ARGS…} against the simulator whose state is in {@code state}. */
    public static Result sim(java.nio.file.Path state, String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "--sim";
        all[1] = "--sim-dir";
        all[2] = state.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        return run(all);
    }

    public static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
