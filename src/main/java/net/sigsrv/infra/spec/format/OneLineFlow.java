package net.sigsrv.infra.spec.format;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.CommentEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;

/** Decides which flow collections ({@code [a, b]}, {@code {k: v}}) the printer keeps on one line. */
final class OneLineFlow {

    private OneLineFlow() {
    }

    /**
     * Flow collections that stay on one line: those holding no comment and no multi-line scalar (the others are
     * printed in block style, so their comments keep a line to live on). Empty ones always stay.
     */
    static Set<Event> collections(SourceLines src, List<Event> all) {
        Set<Event> result = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Open> open = new ArrayDeque<>();
        for (Event e : all) {
            if (e instanceof NodeEvent && !open.isEmpty()) {
                open.peek().children++;
            }
            if (e instanceof CollectionStartEvent c) {
                open.push(new Open(c));
            } else if (e instanceof CollectionEndEvent) {
                Open o = open.pop();
                if (o.event.isFlow() && (o.clean || o.children == 0)) {
                    result.add(o.event);
                }
            } else if ((e instanceof CommentEvent c && c.getCommentType() != CommentType.BLANK_LINE)
                    || (e instanceof ScalarEvent s && multiLine(src, s))) {
                open.forEach(o -> o.clean = false);
            }
        }
        return result;
    }

    private static boolean multiLine(SourceLines src, ScalarEvent s) {
        int start = s.getStartMark().orElseThrow().getIndex();
        int end = s.getEndMark().orElseThrow().getIndex();
        return src.lineOf(start) != src.lineOf(Math.max(start, end - 1));
    }

    /** A collection being read: whether it is still free of comments and multi-line scalars, and its size. */
    private static final class Open {
        final CollectionStartEvent event;
        boolean clean = true;
        int children;

        Open(CollectionStartEvent event) {
            this.event = event;
        }
    }
}
