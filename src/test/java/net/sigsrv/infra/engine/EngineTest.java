package net.sigsrv.infra.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.graph.WalkListener;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.Resource;
import org.junit.jupiter.api.Test;

/** What the engine checks before it walks, without a lab. */
class EngineTest {

    private static final Address WEB = Address.scoped(Kind.INSTANCE, "p", "web");

    @Test
    void aChangeNoLayerMakesIsRefusedBeforeAnythingRuns() {
        TestLayer test = new TestLayer("step", WEB, c -> { });
        Change create = new Change(WEB, Action.CREATE, Optional.empty(), Optional.of(new Resource(WEB, Map.of(),
                true)), List.of(), Optional.empty());
        Plan plan = new Plan("lab", List.of(create), List.of(), "");

        assertThatThrownBy(() -> Engine.of(test).apply(plan, 1, WalkListener.none()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("no layer of this engine makes "
                        + "instance.p/web");
        assertThat(test.ran()).isEmpty();
    }

    @Test
    void anEngineNeedsALayer() {
        assertThatThrownBy(Engine::of).isInstanceOf(IllegalArgumentException.class);
    }
}
