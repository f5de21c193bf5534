package net.sigsrv.infra.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import net.sigsrv.infra.spec.SpecLoader;
import net.sigsrv.infra.spec.model.ConfigKeys;
import net.sigsrv.infra.spec.model.ConfigKeys.Owner;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;
import org.junit.jupiter.api.Test;

/**
 * {@link ConfigKeys} is read off {@link Desired}: every config key the planner writes from a key of the spec (not
 * passed through from a {@code config:} map) must be one that validation refuses in {@code config:}, and every key
 * the list refuses must be one the planner really writes. The bundled examples together use every spec key, so a
 * new modelled key in {@code Desired} fails here until it is added to the list (and so refused in {@code config:}).
 */
class ConfigKeysTest {

    private static final Set<String> EXAMPLES = Set.of("examples/full.yaml", "examples/sigsrv.yaml",
            "examples/lab.yaml", "examples/minimal.yaml");
    /** Settable in {@code config:} with a reason; {@code privileged-without-reason} decides about it. */
    private static final String PRIVILEGED = "security.privileged";
    /**
     * Keys the planner adds a line to while keeping the spec's own value ({@code Desired}'s late DHCP offer on a
     * shared bridge with reservations): settable in {@code config:}, so not refused there.
     */
    private static final Set<String> MERGED = Set.of(Desired.RAW_DNSMASQ);

    @Test
    void everyKeyThePlannerDerivesFromTheSpecIsRefusedInConfigAndNoOther() {
        Map<Owner, Set<String>> written = Map.of(Owner.NETWORK, new TreeSet<>(), Owner.POOL, new TreeSet<>(),
                Owner.INSTANCE, new TreeSet<>(), Owner.PROFILE, new TreeSet<>());
        Set<String> unlisted = new TreeSet<>();
        for (String example : EXAMPLES) {
            Spec spec = SpecLoader.load(Path.of(example), example).spec().orElseThrow();
            for (boolean clustered : new boolean[] {true, false}) {
                for (Resource r : Desired.of(spec, spec.hostNames(), clustered).values()) {
                    Optional<Owner> owner = owner(r.address().kind());
                    if (owner.isEmpty()) {
                        continue;
                    }
                    Set<String> passedThrough = passedThrough(spec, r.address());
                    r.fields().keySet().stream().filter(f -> f.startsWith("config."))
                            .map(f -> f.substring("config.".length()))
                            .filter(k -> !passedThrough.contains(k) && ConfigKeys.reserved(k).isEmpty()
                                    && !k.equals(PRIVILEGED) && !MERGED.contains(k))
                            .forEach(k -> {
                                written.get(owner.get()).add(k);
                                if (ConfigKeys.modelledBy(owner.get(), k).isEmpty()) {
                                    unlisted.add(owner.get() + " " + k);
                                }
                            });
                }
            }
        }
        assertThat(unlisted).as("config keys Desired writes from spec keys but ConfigKeys lets through").isEmpty();
        assertThat(written.get(Owner.NETWORK)).containsExactlyInAnyOrderElementsOf(ConfigKeys.modelled(Owner.NETWORK));
        assertThat(written.get(Owner.POOL)).containsExactlyInAnyOrderElementsOf(ConfigKeys.modelled(Owner.POOL));
        Set<String> settings = new TreeSet<>(written.get(Owner.INSTANCE));
        settings.addAll(written.get(Owner.PROFILE));
        assertThat(settings).as("instance and profile keys (protection is written on instances only)")
                .containsExactlyInAnyOrderElementsOf(ConfigKeys.modelled(Owner.INSTANCE));
        assertThat(ConfigKeys.modelled(Owner.PROFILE)).isEqualTo(ConfigKeys.modelled(Owner.INSTANCE));
    }

    @Test
    void theOwnershipMarksDesiredWritesAreReserved() {
        assertThat(ConfigKeys.reserved(Ownership.KEY)).isPresent();
        assertThat(ConfigKeys.reserved(Ownership.IMAGE_KEY)).isPresent();
        assertThat(ConfigKeys.reserved("user.sigsrv-infra.lock.lab")).isPresent();
        assertThat(ConfigKeys.reserved("user.sigsrv-infra-note")).isEmpty();
    }

    private static Optional<Owner> owner(Kind kind) {
        return switch ((IncusKind) kind) {
            case NETWORK, NETWORK_MEMBER -> Optional.of(Owner.NETWORK);
            case POOL, POOL_MEMBER -> Optional.of(Owner.POOL);
            case INSTANCE -> Optional.of(Owner.INSTANCE);
            case PROFILE -> Optional.of(Owner.PROFILE);
            default -> Optional.empty();
        };
    }

    /** The keys of the spec object's own {@code config:} map, which Desired passes through as they are. */
    private static Set<String> passedThrough(Spec spec, Address a) {
        return switch ((IncusKind) a.kind()) {
            case NETWORK, NETWORK_MEMBER -> spec.network(a.name()).orElseThrow().config().keySet();
            case POOL, POOL_MEMBER -> spec.pool(a.name()).orElseThrow().config().keySet();
            case INSTANCE -> spec.instances().stream().filter(i -> i.project().equals(a.scope())
                    && i.name().equals(a.name())).findFirst().orElseThrow().settings().config().keySet();
            case PROFILE -> spec.profiles().stream().filter(p -> p.project().equals(a.scope())
                    && p.name().equals(a.name())).findFirst()
                    .or(() -> spec.project(a.scope()).flatMap(p -> p.defaultProfile()))
                    .map(Profile::settings).orElseThrow().config().keySet();
            default -> Set.of();
        };
    }
}
