package net.sigsrv.infra.plan;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Something the plan says before its changes: planning went on, but the reader should know. Values, so that
 * callers can tell them apart and renderers (text, JSON, saved plans) show the same sentence, {@link #text()}.
 */
public sealed interface PlanWarning {

    /** The sentence shown after "Warning: ". */
    String text();

    /**
     * The spec's {@code clusters:} section, whose Talos part no layer provisions yet (its Incus part, built by
     * {@code talos.nodes.ClusterResources}, is planned by the Incus layer).
     */
    record ClustersNotProvisioned(int clusters) implements PlanWarning {
        @Override
        public String text() {
            return "the Talos part of the clusters: section is not provisioned yet (" + clusters + " Talos cluster"
                    + (clusters == 1 ? "" : "s") + ": node VMs, volumes and zone records are planned; machine"
                    + " configuration and bootstrap are not)";
        }
    }

    /** Cluster members the spec's hosts do not name: they still get their part of every network and pool. */
    record MembersNotInSpec(List<String> members) implements PlanWarning {
        public MembersNotInSpec {
            members = List.copyOf(members);
        }

        @Override
        public String text() {
            boolean one = members.size() == 1;
            return "cluster member" + (one ? " " : "s ") + String.join(", ", members) + (one ? " is" : " are")
                    + " not among the spec's hosts: networks and pools get their per-member part there too (a bridge"
                    + " must exist on every member); add " + (one ? "it" : "them") + " under hosts: to describe "
                    + (one ? "it" : "them");
        }
    }

    /** A member that did not answer while observing; its parts of networks and pools are not compared. */
    record MemberUnreachable(String member, String why) implements PlanWarning {
        @Override
        public String text() {
            return "member " + member + " did not answer (" + why + "); its parts of networks and pools are"
                    + " not compared, and changes placed on it will fail until it is back";
        }
    }

    /** A network or pool defined on some members but never created, which the spec does not declare. */
    record PendingObject(Address address) implements PlanWarning {
        @Override
        public String text() {
            return address.kind().label() + " " + address.name() + " is Pending: defined on some members but never"
                    + " created (an interrupted create). Declare it in the spec to finish it, or delete it (`incus "
                    + (address.kind() == Kind.POOL ? "storage" : "network") + " delete " + address.name() + "`)";
        }
    }

    /** Objects left out of the plan because the member holding them did not answer. */
    record LeftOut(List<Address> addresses) implements PlanWarning {
        public LeftOut {
            addresses = List.copyOf(addresses);
        }

        @Override
        public String text() {
            return "left out of the plan, as their member did not answer: " + addresses.stream()
                    .map(Address::toString).collect(Collectors.joining(", "));
        }
    }

    /** A warning known only by its sentence: read back from a saved plan, or given so by a layer or a test. */
    record Text(String text) implements PlanWarning {
    }
}
