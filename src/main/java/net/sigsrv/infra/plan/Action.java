package net.sigsrv.infra.plan;

/** What a change does to one object. A closed set; predicates live here, not in callers. */
public enum Action {
    NOOP(" ", "no-op"),
    CREATE("+", "create"),
    UPDATE("~", "update in-place"),
    REPLACE("-/+", "replace"),
    DELETE("-", "destroy");

    private final String symbol;
    private final String verb;

    Action(String symbol, String verb) {
        this.symbol = symbol;
        this.verb = verb;
    }

    /** The OpenTofu-style marker: {@code +}, {@code ~}, {@code -/+}, {@code -}. */
    public String symbol() {
        return symbol;
    }

    /** "create", "update in-place", "replace", "destroy". */
    public String verb() {
        return verb;
    }

    public boolean changesSomething() {
        return this != NOOP;
    }

    public boolean creates() {
        return this == CREATE || this == REPLACE;
    }

    public boolean deletes() {
        return this == DELETE || this == REPLACE;
    }
}
