package net.sigsrv.infra.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import net.sigsrv.infra.guard.Redaction;
import net.sigsrv.infra.incus.IncusException;
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
            w.println("infra: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, w);
            w.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCode.INVALID_INPUT.code();
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter w = commandLine.getErr();
            if (ex instanceof InfraException || ex instanceof IncusException) {
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
        if (t instanceof CommandLine.ParameterException) {
            return ExitCode.INVALID_INPUT.code();
        }
        return ExitCode.INTERNAL.code();
    }
}
