package net.sigsrv.infra.spec.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.spec.schema.SpecSchema;
import net.sigsrv.infra.spec.schema.Type;
import net.sigsrv.infra.spec.yaml.YamlFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.api.lowlevel.Present;
import org.snakeyaml.engine.v2.api.lowlevel.Serialize;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * What {@code infra fmt} promises for any spec, checked on every fixture input, every example and every readable
 * spec of the validate corpus — independently of the formatter's own safety net:
 *
 * <ul>
 *   <li>every comment of the input is in the output, as often (counted twice: by SnakeYAML Engine's comment
 *       events, and by a scan for {@code #} outside quoted and block scalars, which also sees the comments the
 *       parser skips);</li>
 *   <li>the output composes to the same data: known objects compared without key order, lists, free-form maps and
 *       everything under unknown keys compared in order;</li>
 *   <li>formatting twice changes nothing.</li>
 * </ul>
 */
class FormatInvariantsTest {

    static Stream<String> specs() throws IOException {
        List<String> all = new ArrayList<>();
        SpecFormatterTest.cases().forEach(c -> all.add("src/test/resources/fmt/" + c + "/input.yaml"));
        examples().forEach(all::add);
        try (Stream<Path> corpus = Files.walk(Golden.repo().resolve("src/test/resources/validate"))) {
            corpus.filter(p -> p.getFileName().toString().startsWith("spec."))
                    .map(p -> Golden.repo().relativize(p).toString())
                    .filter(FormatInvariantsTest::readableYaml)
                    .sorted()
                    .forEach(all::add);
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void keepsEveryCommentAndTheData(String file) throws IOException {
        String input = Files.readString(Golden.repo().resolve(file), StandardCharsets.UTF_8);
        String output = SpecFormatterTest.format(input, file);

        assertThat(parserComments(output)).as("comments (parser events) of the output of %s", file)
                .containsExactlyInAnyOrderElementsOf(parserComments(input));
        assertThat(scannedComments(output)).as("comments (scan) of the output of %s", file)
                .containsExactlyInAnyOrderElementsOf(scannedComments(input));
        assertThat(data(output)).as("data of the output of %s", file).isEqualTo(data(input));
        assertThat(SpecFormatterTest.format(output, file)).as("formatting %s twice", file).isEqualTo(output);
        assertThat(output.lines()).as("lines of %s with trailing whitespace", file)
                .noneMatch(line -> line.endsWith(" ") || line.endsWith("\t"));
        assertThat(output).as("%s ends with exactly one newline", file).endsWith("\n").doesNotEndWith("\n\n");
    }

    /**
     * Shuffling the keys of every known object and re-indenting (SnakeYAML Engine's emitter, 2 to 6 spaces,
     * sequences flush or indented) gives the same canonical text.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void neitherKeyOrderNorIndentationMatters(String example) throws IOException {
        String text = Files.readString(Golden.repo().resolve(example), StandardCharsets.UTF_8);
        Node original = new Compose(settings(false)).composeString(text).orElseThrow();
        String canonical = SpecFormatterTest.format(emit(original, 2, 0), example);
        Random random = new Random(example.hashCode());
        int differentInputs = 0;
        for (int round = 0; round < 20; round++) {
            Node shuffled = new Compose(settings(false)).composeString(text).orElseThrow();
            shuffle(shuffled, SpecSchema.SPEC, random);
            int indent = 2 + random.nextInt(5);
            String messy = emit(shuffled, indent, random.nextBoolean() ? 0 : indent - 1);
            assertThat(SpecFormatterTest.format(messy, example)).as("formatting\n%s", messy).isEqualTo(canonical);
            differentInputs += messy.equals(canonical) ? 0 : 1;
        }
        assertThat(differentInputs).as("rounds whose input was not canonical already").isGreaterThan(15);
    }

    static Stream<String> examples() throws IOException {
        try (Stream<Path> examples = Files.list(Golden.repo().resolve("examples"))) {
            return examples.map(p -> "examples/" + p.getFileName()).sorted().toList().stream();
        }
    }

    private static void shuffle(Node node, Type type, Random random) {
        if (node instanceof MappingNode m) {
            if (type instanceof Type.Obj) {
                Collections.shuffle(m.getValue(), random);
            }
            for (NodeTuple t : m.getValue()) {
                String key = ((ScalarNode) t.getKeyNode()).getValue();
                shuffle(t.getValueNode(), type instanceof Type.Obj obj ? obj.field(key).map(f -> f.type()).orElse(null)
                        : null, random);
            }
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> shuffle(n, type instanceof Type.ListOf l ? l.element() : null, random));
        }
    }

    private static String emit(Node root, int indent, int indicatorIndent) {
        DumpSettings settings = DumpSettings.builder().setIndent(indent).setIndicatorIndent(indicatorIndent)
                .setIndentWithIndicator(indicatorIndent > 0).setWidth(200).build();
        return new Present(settings).emitToString(new Serialize(settings).serializeOne(root).iterator());
    }

    private static boolean readableYaml(String file) {
        return YamlFile.read(Golden.repo().resolve(file), file, true).root().isPresent();
    }

    private static List<String> parserComments(String text) {
        return StreamSupport.stream(new Parse(settings(true)).parseString(text).spliterator(), false)
                .filter(e -> e instanceof CommentEvent c && c.getCommentType() != CommentType.BLANK_LINE)
                .map(e -> ((CommentEvent) e).getValue().strip())
                .toList();
    }

    /** {@code #} at a line start or after a blank, outside quoted and block scalars, up to the end of the line. */
    private static List<String> scannedComments(String crlfText) {
        String text = crlfText.replace("\r\n", "\n");
        int[] cps = text.codePoints().toArray();
        BitSet quoted = new BitSet();
        new Compose(settings(false)).composeString(text).ifPresent(root -> markQuoted(root, cps, quoted,
                Collections.newSetFromMap(new IdentityHashMap<>())));
        List<String> found = new ArrayList<>();
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] == '#' && !quoted.get(i) && (i == 0 || cps[i - 1] == ' ' || cps[i - 1] == '\t'
                    || cps[i - 1] == '\n')) {
                int end = i;
                while (end < cps.length && cps[end] != '\n') {
                    end++;
                }
                found.add(new String(cps, i + 1, end - i - 1).strip());
                i = end;
            }
        }
        return found;
    }

    /** Quoted scalars whole; block scalars from the end of their header line (which may hold a comment). */
    private static void markQuoted(Node node, int[] cps, BitSet quoted, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        switch (node) {
            case ScalarNode s when s.getScalarStyle() != ScalarStyle.PLAIN -> {
                int from = s.getStartMark().orElseThrow().getIndex();
                if (s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED) {
                    while (from < cps.length && cps[from] != '\n') {
                        from++;
                    }
                }
                quoted.set(from, s.getEndMark().orElseThrow().getIndex());
            }
            case SequenceNode s -> s.getValue().forEach(n -> markQuoted(n, cps, quoted, seen));
            case MappingNode m -> m.getValue().forEach(t -> {
                markQuoted(t.getKeyNode(), cps, quoted, seen);
                markQuoted(t.getValueNode(), cps, quoted, seen);
            });
            default -> {
            }
        }
    }

    private static Object data(String text) {
        return new Compose(settings(false)).composeString(text).map(n -> plain(n, SpecSchema.SPEC)).orElse(null);
    }

    /** Scalars as tag and value; known objects as unordered maps; lists and other maps as ordered lists. */
    private static Object plain(Node node, Type type) {
        return switch (node) {
            case ScalarNode s -> s.getTag().getValue() + " " + s.getValue();
            case SequenceNode s -> s.getValue().stream()
                    .map(n -> plain(n, type instanceof Type.ListOf l ? l.element() : null)).toList();
            case MappingNode m when type instanceof Type.Obj obj -> {
                Map<Object, List<Object>> entries = new HashMap<>();
                for (NodeTuple t : m.getValue()) {
                    String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null;
                    Type field = key == null ? null : obj.field(key).map(f -> f.type()).orElse(null);
                    entries.computeIfAbsent(plain(t.getKeyNode(), null), k -> new ArrayList<>())
                            .add(plain(t.getValueNode(), field));
                }
                yield entries;
            }
            case MappingNode m -> m.getValue().stream()
                    .map(t -> List.of(plain(t.getKeyNode(), null), plain(t.getValueNode(),
                            type instanceof Type.MapOf mo ? mo.value() : null)))
                    .toList();
            default -> throw new IllegalArgumentException("unexpected node " + node);
        };
    }

    private static LoadSettings settings(boolean comments) {
        return LoadSettings.builder().setParseComments(comments).build();
    }
}
