package net.sigsrv.infra.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.sigsrv.infra.guard.Redaction;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.RequestListener;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} is what tests call; {@link #main} is the only place the process exits. Exceptions are
 * mapped to exit codes here and nowhere else: {@link InfraException} carries its code, picocli parameter errors are
 * bad input, anything else is a bug (exit 70) reported in one line without a stack trace unless
 * {@code INFRA_DEBUG} is set. Everything a command prints, on either stream, passes through the redaction layer
 * ({@link Redaction}): secrets never reach the terminal, whatever command printed them.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        EarlyConnection.start(args, System.getenv()); // plan, apply: the TLS handshake while picocli builds the command
        Redaction.installProcessWide();
        int code = run(args, System.out, System.err);
        if (Boolean.getBoolean("infra.train")) {
            train();
        }
        System.out.flush();
        System.exit(code);
    }

    /** The launcher's class-cache training run also makes one loopback TLS request (see TlsWarmup). */
    private static void train() {
        try {
            net.sigsrv.infra.incus.remote.TlsWarmup.run();
        } catch (Exception e) {
            // a cache without the TLS classes is still a cache
        }
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        PrintStream redactedOut = Redaction.wrap(out);
        PrintStream redactedErr = Redaction.wrap(err);
        PrintWriter outWriter = new PrintWriter(redactedOut, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(redactedErr, true, StandardCharsets.UTF_8);
        CommandLine cli = commandLine(outWriter, errWriter, args);
        // help is the tool's own text and prints as written (redacted, '--token=TOKEN' read as a secret field)
        PrintWriter helpWriter = new PrintWriter(Redaction.verbatim(out), true, StandardCharsets.UTF_8);
        cli.setExecutionStrategy(parsed -> {
            Integer help = printHelpIfRequested(parsed, helpWriter);
            return help != null ? help : new CommandLine.RunLast().execute(parsed);
        });
        try {
            return cli.execute(args);
        } finally {
            outWriter.flush();
            errWriter.flush();
            // a last line without its newline is held back by the redaction layer until the line ends: end it here
            Redaction.finish(redactedOut);
            Redaction.finish(redactedErr);
        }
    }

    /**
     * Prints the usage or version help asked for anywhere on the command line to {@code verbatim}, unredacted,
     * and returns its exit code; null when none was asked for. The help never holds an argument of the line.
     */
    static Integer printHelpIfRequested(CommandLine.ParseResult parsed, PrintWriter verbatim) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.hasSubcommand() ? p.subcommand() : null) {
            CommandLine c = p.commandSpec().commandLine();
            if (p.isUsageHelpRequested()) {
                c.usage(verbatim, c.getColorScheme());
                verbatim.flush();
                return p.commandSpec().exitCodeOnUsageHelp();
            }
            if (p.isVersionHelpRequested()) {
                c.printVersionHelp(verbatim, c.getColorScheme().ansi());
                verbatim.flush();
                return p.commandSpec().exitCodeOnVersionHelp();
            }
        }
        return null;
    }

    /**
     * Picocli's message for arguments it did not expect, without their values: a token typed in the wrong place
     * ({@code --tokn=…}, or as an extra argument) is never echoed. Option names stay, so the suggestions still help.
     */
    static String unmatched(CommandLine.UnmatchedArgumentException u) {
        List<String> shown = new ArrayList<>();
        int positional = 0;
        for (String a : u.getUnmatched()) {
            if (a.startsWith("-")) {
                int eq = a.indexOf('=');
                shown.add("'" + (eq < 0 ? a : a.substring(0, eq + 1) + "…") + "'");
            } else {
                positional++;
            }
        }
        String options = shown.isEmpty() ? "" : "Unknown option" + (shown.size() > 1 ? "s" : "") + ": "
                + String.join(", ", shown);
        String args = positional == 0 ? "" : positional + " unexpected argument" + (positional > 1 ? "s" : "")
                + " (not shown: an argument may be a secret)";
        return options.isEmpty() || args.isEmpty() ? options + args : options + "; " + args;
    }

    /** The command tree with the subcommands {@code args} needs (see {@link InfraCommand#register}). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, String[] line) {
        CommandLine cli = new CommandLine(new InfraCommand());
        InfraCommand.register(cli, line);
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExitCodeExceptionMapper(Main::exitCodeOf);
        cli.setParameterExceptionHandler((ex, args) -> {
            PrintWriter w = ex.getCommandLine().getErr();
            w.println("infra: " + (ex instanceof CommandLine.UnmatchedArgumentException u ? unmatched(u)
                    : ex.getMessage()));
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
            w.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID_INPUT.code();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (ex instanceof InfraException || ex instanceof IncusException
                    || ex instanceof RequestListener.Refused) {
                w.println("infra: " + ex.getMessage());
            } else {
                w.println("infra: internal error: " + ex);
                if (System.getenv("INFRA_DEBUG") != null) {
                    ex.printStackTrace(w);
                } else {
                    w.println("This is a bug in infra. Run again with INFRA_DEBUG=1 for details, and report it.");
                }
            }
            return exitCodeOf(ex);
        });
        return cli;
    }

    static int exitCodeOf(Throwable t) {
        if (t instanceof InfraException e) {
            return e.exitCode().code();
        }
        if (t instanceof IncusException) {
            return ExitCode.LAB_ERROR.code();
        }
        if (t instanceof RequestListener.Refused r) {
            // the audit log cannot be written: nothing was sent (a local file's fault), or a change is unrecorded
            return (r.sent() ? ExitCode.LAB_ERROR : ExitCode.INVALID_INPUT).code();
        }
        if (t instanceof CommandLine.ParameterException) {
            return ExitCode.INVALID_INPUT.code();
        }
        return ExitCode.INTERNAL.code();
    }
}
