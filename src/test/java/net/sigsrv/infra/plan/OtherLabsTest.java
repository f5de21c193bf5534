package net.sigsrv.infra.plan;

import static net.sigsrv.infra.plan.Resources.desired;
import static net.sigsrv.infra.plan.Resources.diff;
import static net.sigsrv.infra.plan.Resources.instance;
import static net.sigsrv.infra.plan.Resources.lab;
import static net.sigsrv.infra.plan.Resources.unowned;
import static net.sigsrv.infra.plan.Resources.wanted;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Another lab's mark on hand-made resources; the scenarios under {@code plan/other-lab-*} show the rest. */
class OtherLabsTest {

    private static final Address WEB1 = instance("p", "web1");
    private static final String MARK = "config." + Ownership.KEY;

    @Test
    void aReplacementOfAnotherLabsInstanceIsBlockedNamingThatLabBeforeItsProtection() {
        Plan plan = diff(desired(wanted(WEB1, "type=virtual-machine")),
                lab(unowned(WEB1, "type=container", MARK + "=town", "config.security.protection.delete=true")));

        PlanAssert.assertThat(plan).forcedBy("instance.p/web1", "type").blocked("instance.p/web1",
                "instance.p/web1 is owned by lab 'town' (user.sigsrv-infra.lab), not by this lab 'lab', and would be"
                        + " replaced; run 'infra adopt --from-lab town SPEC instance.p/web1' to take it over on"
                        + " purpose, or rename it in the spec");
    }

    @Test
    void anEmptyMarkIsNoLabAndThisLabsOwnMarkIsNotAnotherLabs() {
        Resource empty = unowned(WEB1, MARK + "=");

        assertThat(OtherLabs.markOf(empty)).isEmpty();
        assertThat(OtherLabs.otherThan(empty, "lab")).isEmpty();
        assertThat(OtherLabs.otherThan(unowned(WEB1, MARK + "=lab"), "lab")).isEmpty();
        PlanAssert.assertThat(diff(desired(wanted(WEB1, "description=x")), lab(empty)))
                .blocked("instance.p/web1", "is not managed by this lab; run 'infra adopt instance.p/web1'");
    }
}
