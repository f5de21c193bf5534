package net.sigsrv.infra.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.sigsrv.infra.spec.schema.SchemaReference;
import net.sigsrv.infra.spec.schema.SpecSchema;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.snakeyaml.engine.v2.nodes.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Category("Spec")
@Command(name = "schema",
        mixinStandardHelpOptions = true,
        header = "Print the spec reference: every key, its type, default and an example (Markdown).",
        description = "The same reference docs/spec.md carries; examples come from the bundled example specs.")
final class SchemaCommand implements Callable<Integer> {

    /** Example specs bundled in the jar, in the order their examples are preferred. */
    static final List<String> EXAMPLES = List.of("examples/sigsrv.yaml", "examples/minimal.yaml", "examples/full.yaml");

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        command.commandLine().getOut().print(SchemaReference.markdown(SpecSchema.SPEC, bundledExamples()));
        return ExitCode.OK.code();
    }

    static List<Node> bundledExamples() throws IOException {
        List<Node> nodes = new ArrayList<>();
        for (String name : EXAMPLES) {
            try (InputStream in = SchemaCommand.class.getClassLoader().getResourceAsStream(name)) {
                if (in != null) {
                    YamlFile.parse(in.readAllBytes(), name, false).root().ifPresent(nodes::add);
                }
            }
        }
        return nodes;
    }
}
