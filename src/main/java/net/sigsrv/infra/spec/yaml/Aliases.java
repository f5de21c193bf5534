package net.sigsrv.infra.spec.yaml;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.diag.SourcePos;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Parse;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/**
 * Finds the alias that makes a document unsafe to expand, so the diagnostic can point at it: the first alias of a
 * list or map beyond the limit (a "billion laughs"), or an alias inside the very collection it names (a recursive
 * structure, which SnakeYAML would build without complaint). Works on parser events, before any node is built.
 * Syntax errors are left to the composer, which reports them the same way.
 */
final class Aliases {

    private Aliases() {
    }

    /**
     * Checks the aliases of {@code source}; past {@code maxDepth} it stops and finds nothing, leaving the document
     * to the composer's {@link NestingLimit}, which refuses it with a position (the look-up of an alias among the
     * open collections would otherwise cost the depth for every alias: hours for 300,000 of each).
     */
    static Optional<Diagnostic> check(SourceText source, LoadSettings settings, int maxCollectionAliases,
                                      int maxDepth) {
        if (source.text().indexOf('*') < 0) {
            return Optional.empty();
        }
        Map<Anchor, Boolean> isCollection = new HashMap<>();
        Deque<Optional<Anchor>> open = new ArrayDeque<>();
        int collectionAliases = 0;
        for (Event e : new Parse(settings).parseString(source.text())) {
            switch (e) {
                case CollectionStartEvent c -> {
                    c.getAnchor().ifPresent(a -> isCollection.put(a, true));
                    open.push(c.getAnchor());
                    if (open.size() > maxDepth) {
                        return Optional.empty();
                    }
                }
                case ScalarEvent s -> s.getAnchor().ifPresent(a -> isCollection.put(a, false));
                case AliasEvent alias -> {
                    Anchor a = alias.getAlias();
                    String name = a.getValue();
                    SourcePos pos = alias.getStartMark().map(m -> new SourcePos(source.name(), m.getLine() + 1,
                            m.getColumn() + 1)).orElse(SourcePos.startOf(source.name()));
                    if (open.contains(Optional.of(a))) {
                        return Optional.of(Diagnostic.error("yaml-alias-limit", pos, "YAML alias *" + name
                                + " is used inside the list or map it names (a recursive structure)")
                                .withDetail("A recursive value never ends; a spec must be a plain tree. Write the"
                                        + " value out instead of referring back to &" + name + "."));
                    }
                    if (isCollection.getOrDefault(a, false) && ++collectionAliases > maxCollectionAliases) {
                        return Optional.of(Diagnostic.error("yaml-alias-limit", pos, "too many YAML aliases: *" + name
                                + " is alias number " + collectionAliases + " of a list or map; at most "
                                + maxCollectionAliases + " are allowed")
                                .withDetail("Every alias of a list or map copies it, and copies of copies grow"
                                        + " exponentially (a \"billion laughs\"). Write the values out, or reuse"
                                        + " less."));
                    }
                }
                default -> {
                    if (e.getEventId() == Event.ID.SequenceEnd || e.getEventId() == Event.ID.MappingEnd) {
                        open.pop();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
