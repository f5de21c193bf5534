package net.sigsrv.infra.engine;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanWarning;
import net.sigsrv.infra.spec.model.Spec;

/**
 * A family of objects the {@link Engine} plans and applies: Incus today ({@link IncusLayer}), Talos and Kubernetes
 * next. A layer observes its objects, diffs them with the spec (its {@link Part} of the plan), orders its changes
 * (edges within the layer, and onto any other layer's change, found by address) and makes them. The engine joins
 * every layer's part into one {@link Plan} and every layer's edges into one graph, walked once.
 *
 * <p>A layer's changes are ordinary {@link Change}s whose address has a {@link Kind} of the layer's own (an enum
 * implementing {@code Kind}, ranked after the kinds it builds on); the layer {@linkplain #owns owns} exactly those
 * kinds, and the engine hands it only its own changes to order and make. Renderers show any layer's changes as they
 * show Incus's: address, action, fields.
 */
public interface Layer {

    /** Whether changes of {@code kind} are this layer's. Every kind is owned by one layer at most. */
    boolean owns(Kind kind);

    /**
     * This layer's part of the plan for {@code spec}: in {@link Mode#APPLY} what makes the lab match the spec, in
     * {@link Mode#DESTROY} what removes every object of the lab this layer knows (as against an empty spec).
     */
    Part plan(Spec spec, Mode mode);

    /**
     * Readies this layer to apply its changes of {@code plan} (the joined plan: every layer's changes): reads what
     * ordering and making its changes needs. Called once per apply, before the walk.
     */
    Run prepare(Plan plan);

    /**
     * One layer's part of a plan.
     *
     * @param changes     its changes, NOOPs included, in the order they are listed
     * @param warnings    what planning it should tell the reader
     * @param fingerprint what it observed, for a saved plan to notice a lab that changed since ("" when nothing)
     * @param members     the cluster members its per-member changes are placed on (the Incus layer's), else empty
     * @param apiCalls    how many calls observing took
     * @param observing   how long observing took (diffing not included)
     */
    record Part(List<Change> changes, List<PlanWarning> warnings, String fingerprint, List<String> members,
                int apiCalls, Duration observing) {

        public Part {
            changes = List.copyOf(changes);
            warnings = List.copyOf(warnings);
            Objects.requireNonNull(fingerprint, "fingerprint");
            members = List.copyOf(members);
        }
    }

    /** A layer ready to apply. Its methods are called for its own changes only. */
    interface Run {

        /**
         * Declares what each of {@code changes} (this layer's changes to make, in plan order) depends on, through
         * {@code edges}: a change of this layer or of any other. Declare in a stable order: it breaks ties in the walk.
         */
        void order(List<Change> changes, Edges edges);

        /**
         * Makes one change; returns when done, throws when it failed (its dependents are then skipped). Runs on its
         * own thread, several at once.
         */
        void execute(Change change) throws Exception;
    }

    /** The graph being built, as a layer sees it while {@linkplain Run#order ordering}. */
    interface Edges {

        /** The change the plan makes to {@code address}, of any layer; empty when the plan does not change it. */
        Optional<Change> change(Address address);

        /** {@code change} runs only after {@code prerequisite} succeeded; either may be any layer's change to make. */
        void dependsOn(Change change, Change prerequisite);
    }
}
