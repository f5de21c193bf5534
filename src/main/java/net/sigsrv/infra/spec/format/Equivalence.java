package net.sigsrv.infra.spec.format;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * The formatter's promise, checked on every run: the output composes to the same data as the input (mappings
 * compared without order, scalars by resolved tag and value, aliases expanded) and holds the same comments, each
 * as often. A difference is a bug in the formatter, never something to write to a user's file.
 */
final class Equivalence {

    private Equivalence() {
    }

    /** What differs between the two texts, or empty when the output is a faithful rewrite of the input. */
    static Optional<String> difference(String before, String after, LoadSettings settings) {
        Optional<Node> in = new Compose(settings).composeString(before);
        Optional<Node> out;
        try {
            out = new Compose(settings).composeString(after);
        } catch (YamlEngineException e) {
            return Optional.of("the output is not valid YAML: " + e.getMessage());
        }
        if (!data(in).equals(data(out))) {
            return Optional.of("the output holds different data");
        }
        Map<String, Integer> balance = new TreeMap<>();
        comments(before, in).forEach(c -> balance.merge(c, 1, Integer::sum));
        comments(after, out).forEach(c -> balance.merge(c, -1, Integer::sum));
        List<String> lost = new ArrayList<>();
        List<String> gained = new ArrayList<>();
        balance.forEach((c, n) -> (n > 0 ? lost : gained).addAll(Collections.nCopies(Math.abs(n), c)));
        if (!lost.isEmpty() || !gained.isEmpty()) {
            return Optional.of("comments differ: lost " + lost + ", gained " + gained);
        }
        return Optional.empty();
    }

    private static Object data(Optional<Node> root) {
        return root.map(n -> plain(n, new IdentityHashMap<>())).orElse("<empty>");
    }

    private static Object plain(Node node, IdentityHashMap<Node, Object> seen) {
        Object known = seen.get(node);
        if (known != null) {
            return known;
        }
        seen.put(node, "<recursive>");
        Object result;
        if (node instanceof ScalarNode s) {
            result = List.of(s.getTag().getValue(), s.getValue());
        } else if (node instanceof SequenceNode s) {
            result = s.getValue().stream().map(n -> plain(n, seen)).toList();
        } else {
            Map<List<Object>, Integer> pairs = new HashMap<>();
            for (NodeTuple t : ((MappingNode) node).getValue()) {
                pairs.merge(List.of(plain(t.getKeyNode(), seen), plain(t.getValueNode(), seen)), 1, Integer::sum);
            }
            result = pairs;
        }
        seen.put(node, result);
        return result;
    }

    /**
     * Every comment in the text, found without the parser's comment support (which skips some, e.g. before
     * {@code ---}): a {@code #} at the start of a line or after a space or tab, outside quoted and block scalars.
     */
    private static List<String> comments(String text, Optional<Node> root) {
        SourceLines src = new SourceLines(text);
        BitSet inScalar = new BitSet();
        root.ifPresent(r -> markScalars(r, src, inScalar, Collections.newSetFromMap(new IdentityHashMap<>())));
        List<String> found = new ArrayList<>();
        for (int i = 0; i < src.length(); i++) {
            int c = src.at(i);
            if (c == '#' && !inScalar.get(i) && (i == 0 || " \t\n".indexOf(src.at(i - 1)) >= 0)) {
                int end = src.lineEnd(src.lineOf(i));
                found.add(src.slice(i, end).stripTrailing());
                i = end;
            }
        }
        return found;
    }

    /** Marks quoted scalars and block scalars' content (not their header line, which may end in a comment). */
    private static void markScalars(Node node, SourceLines src, BitSet inScalar, Set<Node> seen) {
        if (!seen.add(node)) {
            return;
        }
        if (node instanceof ScalarNode s && s.getScalarStyle() != ScalarStyle.PLAIN) {
            int start = s.getStartMark().orElseThrow().getIndex();
            boolean block = s.getScalarStyle() == ScalarStyle.LITERAL || s.getScalarStyle() == ScalarStyle.FOLDED;
            inScalar.set(block ? src.lineEnd(src.lineOf(start)) : start, s.getEndMark().orElseThrow().getIndex());
        } else if (node instanceof SequenceNode s) {
            s.getValue().forEach(n -> markScalars(n, src, inScalar, seen));
        } else if (node instanceof MappingNode m) {
            m.getValue().forEach(t -> {
                markScalars(t.getKeyNode(), src, inScalar, seen);
                markScalars(t.getValueNode(), src, inScalar, seen);
            });
        }
    }
}
