package net.sigsrv.infra.spec.yaml;

import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * A parser that stops a document nesting lists and maps deeper than a limit. SnakeYAML's parser is iterative, but
 * its composer builds the node tree by recursion, so a few thousand {@code [} overflow the stack; events pass
 * through here on their way to the composer, and the first collection beyond the limit is refused before the
 * composer descends into it. No second pass over the text: the check costs a counter per event.
 */
final class NestingLimit implements Parser {

    /** Thrown at the first list or map opened {@code max + 1} deep; {@code mark} is where it opens. */
    static final class TooDeep extends RuntimeException {
        final transient Mark mark;

        TooDeep(Mark mark) {
            super(null, null, false, false);
            this.mark = mark;
        }
    }

    private final Parser parser;
    private final int max;
    private int depth;

    NestingLimit(Parser parser, int max) {
        this.parser = parser;
        this.max = max;
    }

    @Override
    public boolean checkEvent(Event.ID id) {
        return parser.checkEvent(id);
    }

    @Override
    public Event peekEvent() {
        return parser.peekEvent();
    }

    @Override
    public boolean hasNext() {
        return parser.hasNext();
    }

    @Override
    public Event next() {
        Event e = parser.next();
        switch (e.getEventId()) {
            case SequenceStart, MappingStart -> {
                if (++depth > max) {
                    throw new TooDeep(e.getStartMark().orElse(null));
                }
            }
            case SequenceEnd, MappingEnd -> depth--;
            default -> { }
        }
        return e;
    }
}
