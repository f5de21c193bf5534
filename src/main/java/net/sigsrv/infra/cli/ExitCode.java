package net.sigsrv.infra.cli;

/**
 * Every exit code {@code infra} uses, in one place. The exit-code table in docs/commands.md lists these; scripts rely
 * on them, so a code's meaning never changes.
 */
public enum ExitCode {
    OK(0, "Success: the spec is valid, the files are formatted, the command did what was asked."),
    DIFFERENCES(1, "A check found differences: `fmt --check` on an unformatted file; `doctor` found warnings only."),
    INVALID_INPUT(2, "Bad input: spec errors (or warnings under `--strict`), an unreadable file, a wrong option."
            + " Nothing was touched."),
    FINDINGS(3, "`doctor` (or `health`) found errors or worse in the lab; the report names the root causes and their"
            + " remedies. `--exit-zero` exits 0 instead."),
    LAB_ERROR(4, "The lab could not be reached, or refused or failed a request (including an apply step that"
            + " failed); the message carries the daemon's own words."),
    INTERNAL(70, "A bug in infra. The message says what happened; please report it.");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
