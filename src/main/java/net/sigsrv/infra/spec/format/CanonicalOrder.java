package net.sigsrv.infra.spec.format;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sigsrv.infra.spec.format.Tree.Node;
import net.sigsrv.infra.spec.format.Tree.Part;
import net.sigsrv.infra.spec.schema.Type;

/**
 * Puts the keys of every known object in schema order (the order of {@link Type.Obj#fields()}); unknown keys keep
 * their relative order after the known ones. Lists keep their order, and so do free-form maps ({@code config},
 * {@code labels}, …) and anything below an unknown key. A value of the wrong shape is left as it is.
 *
 * <p>Reordering may put an alias before its anchor, which YAML forbids. Then the two trade places: the first
 * occurrence in the new order carries {@code &name} and the node, the later one becomes {@code *name}. The data
 * is the same; only where the anchor is written moves. When an anchor name is defined twice and the new order
 * would change what an alias names, the document keeps its key order.
 */
final class CanonicalOrder {

    private CanonicalOrder() {
    }

    /**
     * Reorders {@code doc} in place. Returns false when the new order would make an alias name a different node
     * (an anchor defined twice); the caller then keeps the original order.
     */
    static boolean apply(Tree.Document doc, Type.Obj root) {
        Map<Tree.Alias, Node> before = resolveAliases(doc.root);
        order(doc.root, root);
        new AnchorsFirst(doc).run();
        return before.equals(resolveAliases(doc.root));
    }

    /** For each alias (by identity), the node it names when the tree is read in printing order. */
    private static Map<Tree.Alias, Node> resolveAliases(Node root) {
        Map<Tree.Alias, Node> resolved = new IdentityHashMap<>();
        resolve(root, new HashMap<>(), resolved);
        return resolved;
    }

    private static void resolve(Node node, Map<String, Node> anchors, Map<Tree.Alias, Node> resolved) {
        if (node instanceof Tree.Alias alias) {
            resolved.put(alias, anchors.get(alias.name()));
        } else if (node != null && node.anchor() != null) {
            anchors.put(node.anchor(), node);
        }
        for (Part p : parts(node)) {
            if (p instanceof Tree.Entry e) {
                resolve(e.key, anchors, resolved);
            }
            resolve(p.value, anchors, resolved);
        }
    }

    private static void order(Node node, Type type) {
        if (node instanceof Tree.Mapping map) {
            if (type instanceof Type.Obj obj) {
                List<String> keys = obj.keys();
                map.entries.sort(Comparator.comparingInt(e -> rank(keys, e.keyText())));
                map.entries.forEach(e -> order(e.value, obj.field(String.valueOf(e.keyText()))
                        .map(f -> f.type()).orElse(null)));
            } else {
                Type values = type instanceof Type.MapOf m ? m.value() : null;
                map.entries.forEach(e -> order(e.value, values));
            }
        } else if (node instanceof Tree.Sequence seq) {
            Type element = type instanceof Type.ListOf l ? l.element() : null;
            seq.items.forEach(i -> order(i.value, element));
        }
    }

    private static int rank(List<String> keys, String key) {
        int i = key == null ? -1 : keys.indexOf(key);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    /** Walks the tree in printing order and swaps an alias that comes before its anchor with the anchored node. */
    private static final class AnchorsFirst {
        private final Tree.Document doc;
        private final Map<String, Integer> definitions = new HashMap<>();
        private final Map<String, Part> holders = new HashMap<>();
        private final Set<String> seen = new HashSet<>();

        AnchorsFirst(Tree.Document doc) {
            this.doc = doc;
        }

        void run() {
            collect(doc.root, null);
            visit(doc.root);
        }

        /** Counts every anchor definition (keys included) and remembers the part holding each anchored value. */
        private void collect(Node node, Part holder) {
            if (node == null) {
                return;
            }
            if (node.anchor() != null) {
                definitions.merge(node.anchor(), 1, Integer::sum);
                if (holder != null) {
                    holders.put(node.anchor(), holder);
                }
            }
            for (Part p : parts(node)) {
                if (p instanceof Tree.Entry e) {
                    collect(e.key, null);
                }
                collect(p.value, p);
            }
        }

        private void visit(Node node) {
            if (node == null) {
                return;
            }
            if (node.anchor() != null) {
                seen.add(node.anchor());
            }
            for (Part p : parts(node)) {
                if (p instanceof Tree.Entry e) {
                    visit(e.key);
                }
                if (p.value instanceof Tree.Alias alias && !seen.contains(alias.name())
                        && definitions.getOrDefault(alias.name(), 0) == 1 && holders.containsKey(alias.name())) {
                    Part holder = holders.get(alias.name());
                    p.value = holder.value;
                    holder.value = alias;
                    holders.put(alias.name(), p);
                }
                visit(p.value);
            }
        }
    }

    private static List<? extends Part> parts(Node node) {
        if (node instanceof Tree.Mapping m) {
            return m.entries;
        }
        if (node instanceof Tree.Sequence s) {
            return s.items;
        }
        return List.of();
    }
}
