package net.sigsrv.infra.cli;

/** A user-facing failure that carries its exit code. Created only through the named factories. */
public final class InfraException extends RuntimeException {

    private final ExitCode exitCode;

    private InfraException(ExitCode exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The input cannot be used (missing file, wrong option value); nothing was touched. */
    public static InfraException invalidInput(String message) {
        return new InfraException(ExitCode.INVALID_INPUT, message);
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
