package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The warnings the Incus layer makes while planning are values; their sentences are the ones plans always showed. */
class PlanWarningTest {

    @Test
    void eachWarningSaysWhatItAlwaysSaid() {
        assertThat(new PlanWarning.MemberUnreachable("minisrv", "connection refused").text()).isEqualTo(
                "member minisrv did not answer (connection refused); its parts of networks and pools are not"
                        + " compared, and changes placed on it will fail until it is back");
        assertThat(new PlanWarning.PendingObject(Address.of(Kind.POOL, "fast")).text()).isEqualTo(
                "pool fast is Pending: defined on some members but never created (an interrupted create). Declare"
                        + " it in the spec to finish it, or delete it (`incus storage delete fast`)");
        assertThat(new PlanWarning.PendingObject(Address.of(Kind.NETWORK, "br0")).text()).endsWith(
                "(`incus network delete br0`)");
        assertThat(new PlanWarning.LeftOut(List.of(Address.onMember(Kind.NETWORK_MEMBER, "br0", "minisrv"),
                Address.scoped(Kind.INSTANCE, "p", "web"))).text()).isEqualTo(
                "left out of the plan, as their member did not answer: network.br0@minisrv, instance.p/web");
    }
}
