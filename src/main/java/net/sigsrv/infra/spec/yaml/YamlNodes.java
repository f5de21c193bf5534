package net.sigsrv.infra.spec.yaml;

import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.diag.Excerpt;
import net.sigsrv.infra.diag.SourcePos;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/** Small, total helpers over SnakeYAML Engine nodes. */
public final class YamlNodes {

    private YamlNodes() {
    }

    public static SourcePos pos(Node node, String file) {
        return node.getStartMark()
                .map(m -> new SourcePos(file, m.getLine() + 1, m.getColumn() + 1))
                .orElse(SourcePos.startOf(file));
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    /** The text of a scalar node, or empty for collections. */
    public static Optional<String> text(Node node) {
        return node instanceof ScalarNode s ? Optional.of(s.getValue()) : Optional.empty();
    }

    public static List<NodeTuple> entries(Node node) {
        return node instanceof MappingNode m ? m.getValue() : List.of();
    }

    public static List<Node> items(Node node) {
        return node instanceof SequenceNode s ? s.getValue() : List.of();
    }

    /** The value under {@code key} in a mapping, if present and not null. */
    public static Optional<Node> get(Node mapping, String key) {
        for (NodeTuple t : entries(mapping)) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key) && !isNull(t.getValueNode())) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    /** The node's kind as a user would name it, for "expected X, got Y" messages. */
    public static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a map";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) node;
        Tag tag = s.getTag();
        if (tag.equals(Tag.NULL)) {
            return "nothing (null)";
        }
        if (tag.equals(Tag.BOOL)) {
            return "the boolean " + s.getValue();
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "the number " + s.getValue();
        }
        return "the string \"" + Excerpt.of(s.getValue()) + "\"";
    }
}
