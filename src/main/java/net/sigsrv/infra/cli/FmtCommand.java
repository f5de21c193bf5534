package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Spec")
@Command(name = "fmt",
        mixinStandardHelpOptions = true,
        header = "Rewrite lab specs in canonical form (key order, indentation), keeping every comment.",
        description = "Rewrites each FILE in place: keys of known objects in schema order ('infra schema'), unknown"
                + " keys after them; 2-space indentation, list items indented under their key, a map in a list"
                + " starting on the dash line; scalars, quotes, block scalars, flow lists and anchors exactly as"
                + " written. Every comment stays with the key or item it was written next to and moves with it;"
                + " runs of blank lines become one. A file is replaced atomically, and only when it changes. With"
                + " --check nothing is written: a unified diff of what would change goes to standard output. '-'"
                + " reads standard input and writes standard output. Problems reading a file (not YAML, not UTF-8)"
                + " go to standard error with file:line:column.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is formatted (or was rewritten)",
            "1:--check: at least one file is not formatted",
            "2:a file cannot be read as YAML; nothing was written"})
final class FmtCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Lab specs (YAML); '-' for standard input.")
    List<Path> files;

    @Option(names = "--check", description = "Write nothing; print a diff for each file that is not formatted"
            + " and exit 1 if there is one.")
    boolean check;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        List<Path> paths = files.stream().distinct().toList();
        List<FmtFile> specs = isStdin(paths) ? List.of(FmtFile.parse(System.in.readAllBytes(), FmtFile.STDIN))
                : paths.stream().map(FmtFile::read).toList();
        specs.stream().filter(FmtFile::unusable).forEach(this::printProblems);
        boolean unusable = specs.stream().anyMatch(FmtFile::unusable);
        if (check) {
            specs.stream().filter(f -> !f.unusable()).forEach(this::printCheck);
        } else if (!unusable) {
            write(paths, specs);
        }
        return (unusable ? ExitCode.INVALID_INPUT
                : check && specs.stream().anyMatch(FmtFile::changed) ? ExitCode.DIFFERENCES : ExitCode.OK).code();
    }

    private boolean isStdin(List<Path> paths) {
        if (paths.stream().noneMatch(p -> p.toString().equals("-"))) {
            return false;
        }
        if (paths.size() > 1) {
            throw InfraException.invalidInput("'-' (standard input) cannot be combined with files");
        }
        return true;
    }

    private void write(List<Path> paths, List<FmtFile> specs) {
        if (specs.size() == 1 && specs.get(0).name().equals(FmtFile.STDIN)) {
            out().print(specs.get(0).formatted());
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            FmtFile spec = specs.get(i);
            if (spec.changed()) {
                spec.write(paths.get(i));
            }
            out().println(spec.name() + (spec.changed() ? ": formatted" : ": already formatted"));
        }
    }

    /** The diff goes to standard output (a patch a tool can apply), the verdict to standard error. */
    private void printCheck(FmtFile spec) {
        out().print(spec.diff());
        command.commandLine().getErr().println(spec.name() + (spec.changed() ? ": not formatted" : ": formatted"));
    }

    private void printProblems(FmtFile spec) {
        PrintWriter err = command.commandLine().getErr();
        DiagnosticText.print(err, spec.diagnostics(), spec.source(), Terminal.colour());
        err.println(spec.name() + ": " + DiagnosticText.counts(spec.diagnostics()) + "; not formatted"
                + (check ? "" : ", nothing written"));
    }

    private PrintWriter out() {
        return command.commandLine().getOut();
    }
}
