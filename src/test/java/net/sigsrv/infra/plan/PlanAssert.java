package net.sigsrv.infra.plan;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions that read like the claim they check: {@code assertThat(plan).has("instance.p/web1", REPLACE)
 * .forcedBy("instance.p/web1", "type")}, {@code .changesOnly(...)}, and {@link #keepsTheSafetyRules()} — the rules
 * every plan must keep whatever the lab looks like. Failure messages list the plan's changes.
 */
final class PlanAssert extends AbstractAssert<PlanAssert, Plan> {

    private PlanAssert(Plan plan) {
        super(plan, PlanAssert.class);
    }

    static PlanAssert assertThat(Plan plan) {
        return new PlanAssert(plan);
    }

    /** The change to {@code address} has this action (NOOP included). */
    PlanAssert has(String address, Action action) {
        Change c = change(address);
        if (c.action() != action) {
            failWithMessage("expected %s to be %s, but it is %s%nplan:%n%s", address, action, c.action(), listing());
        }
        return this;
    }

    /** The changes that do something are exactly these addresses, in any order. */
    PlanAssert changesOnly(String... addresses) {
        List<String> got = actual.actionable().stream().map(c -> c.address().toString()).sorted().toList();
        List<String> want = List.of(addresses).stream().sorted().toList();
        if (!got.equals(want)) {
            failWithMessage("expected changes to exactly %s, but got %s%nplan:%n%s", want, got, listing());
        }
        return this;
    }

    /** The change to {@code address} is blocked, and the reason says {@code why}. */
    PlanAssert blocked(String address, String why) {
        Change c = change(address);
        if (c.blocked().filter(b -> b.contains(why)).isEmpty()) {
            failWithMessage("expected %s to be blocked because \"%s\", but blocked is %s", address, why, c.blocked());
        }
        return this;
    }

    PlanAssert notBlocked(String address) {
        Change c = change(address);
        if (c.isBlocked()) {
            failWithMessage("expected %s not to be blocked, but: %s", address, c.blocked().orElseThrow());
        }
        return this;
    }

    /** The change to {@code address} replaces the object, and {@code field} is (one of) what forces it. */
    PlanAssert forcedBy(String address, String field) {
        Change c = change(address);
        boolean forced = c.fields().stream().anyMatch(f -> f.field().equals(field) && f.forcesReplacement());
        if (c.action() != Action.REPLACE || !forced) {
            failWithMessage("expected %s to be replaced because of %s, but it is %s with fields %s", address, field,
                    c.action(), c.fields());
        }
        return this;
    }

    /**
     * What no plan may ever do: delete or replace (unblocked) an object this lab does not own, a protected one, a
     * volume a protected instance's own disk names (observed or desired), a built-in, or one member's part of a
     * network or pool; update an object of another owner without being told to adopt it (a built-in another lab
     * has marked included); or count a blocked change
     * as one to make.
     */
    PlanAssert keepsTheSafetyRules() {
        isNotNull();
        for (Change c : actual.changes()) {
            Address a = c.address();
            if (c.isBlocked()) {
                continue;
            }
            if (c.action().deletes()) {
                Resource have = c.before().orElseThrow();
                if (!have.owned() && c.action() == Action.DELETE) {
                    failWithMessage("%s is deleted but not owned by the lab", a);
                }
                if (ProtectedNeeds.isProtected(have)) {
                    failWithMessage("%s is protected but would be %s unblocked", a, c.action());
                }
                if (a.kind() == Kind.VOLUME && mountedByAProtectedInstance(a)) {
                    failWithMessage("%s is a disk of a protected instance but would be %s unblocked", a, c.action());
                }
                if (Differ.isBuiltIn(a)) {
                    failWithMessage("%s is built in but would be %s", a, c.action());
                }
                if (a.kind().isPerMember()) {
                    failWithMessage("%s is one member's part but would be %s", a, c.action());
                }
            }
            if (c.action() == Action.UPDATE || c.action() == Action.REPLACE) {
                if (!c.before().orElseThrow().owned() && !Differ.isBuiltIn(a)) {
                    failWithMessage("%s belongs to someone else but would be %s without adopt", a, c.action());
                }
                if (OtherLabs.otherThan(c.before().orElseThrow(), actual.lab()).isPresent()) {
                    failWithMessage("%s is another lab's but would be %s without adopt --from-lab", a, c.action());
                }
            }
        }
        long counted = actual.counts().entrySet().stream().filter(e -> e.getKey().changesSomething())
                .mapToLong(e -> e.getValue()).sum();
        long made = actual.actionable().size() - actual.blocked().size();
        if (counted != made) {
            failWithMessage("the summary counts %s changes, but %s will be made", counted, made);
        }
        return this;
    }

    private Change change(String address) {
        isNotNull();
        Optional<Change> c = actual.changes().stream().filter(x -> x.address().toString().equals(address))
                .findFirst();
        if (c.isEmpty()) {
            failWithMessage("expected a change for %s, but the plan has none%nplan:%n%s", address, listing());
        }
        return c.orElseThrow();
    }

    private String listing() {
        return actual.changes().stream().map(c -> "  " + c.action() + " " + c.address()
                + c.blocked().map(b -> " (blocked)").orElse("")).collect(Collectors.joining("\n"));
    }

    /** Whether a protected instance of the plan, as observed or desired, has a disk device on volume {@code v}. */
    private boolean mountedByAProtectedInstance(Address v) {
        return actual.changes().stream().filter(c -> c.address().kind() == Kind.INSTANCE)
                .flatMap(c -> Stream.of(c.before(), c.after()).flatMap(Optional::stream))
                .filter(ProtectedNeeds::isProtected)
                .anyMatch(i -> i.fields().entrySet().stream().anyMatch(e -> e.getKey().endsWith(".source")
                        && e.getValue().equals(v.name()) && i.field(e.getKey().replaceFirst("\\.source$", ".pool"))
                        .equals(v.pool())));
    }
}
