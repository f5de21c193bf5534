package net.sigsrv.infra.apply;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import net.sigsrv.infra.incus.ApiObject;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.api.Network;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.Observed;

/**
 * Makes the daemon set up a member's bridge again whose device is gone ({@link Observed#bridgeMissing}). Neither
 * LXD 5.0.2 nor Incus has a "restart network" call, but a bridge whose config changes is set up afresh on the
 * members the change reaches, and setting up creates the device when it does not exist (checked on the lab: the
 * bridge, its address, its external interfaces and its dnsmasq come back). So the repair changes a key and puts it
 * back, leaving the config as it was:
 * <ul>
 * <li>where the member names external interfaces, its own {@code bridge.external_interfaces} ({@code ?target=}):
 *     {@code "user0 "} then {@code "user0"} — the daemon trims each name, so the interim value bridges the same
 *     interfaces, and no other member is touched;</li>
 * <li>else (no member key to change) the global {@code ipv4.dhcp.expiry}, set to another value and then back (or
 *     removed): every member sets its bridge up again, a moment's pause for the healthy ones.</li>
 * </ul>
 * The step then reads the member's state of the bridge and fails when the device is still missing, so an apply
 * never reports a repair the daemon did not make.
 */
final class BridgeRepair {

    private static final String EXTERNAL = "bridge.external_interfaces";
    private static final String EXPIRY = "ipv4.dhcp.expiry";

    private BridgeRepair() {
    }

    /** Whether a field change is the repair of a missing bridge rather than a key to write. */
    static boolean isRepair(FieldChange f) {
        return f.field().equals(Observed.BRIDGE);
    }

    /**
     * Recreates the bridge of network part {@code a} on its member: {@code nudge} when nothing else changed the
     * network's config in this step; then checks that the device is there.
     */
    static void recreate(IncusClient client, Address a, boolean nudge, Duration wait) {
        ApiObject object = client.networks().object(a.name());
        if (nudge) {
            Network global = client.networks().read(a.name(), null);
            Network onMember = client.networks().read(a.name(), a.member());
            String external = onMember.config().getOrDefault(EXTERNAL, "").strip();
            String description = global.description();
            if (!external.isEmpty()) {
                patch(object.on(a.member()), description, EXTERNAL, external + " ", wait);
                patch(object.on(a.member()), description, EXTERNAL, external, wait);
            } else {
                String was = global.config().get(EXPIRY);
                patch(object, description, EXPIRY, "1h".equals(was) ? "60m" : "1h", wait);
                patch(object, description, EXPIRY, was == null ? "" : was, wait);
            }
        }
        try {
            client.networks().state(a.name(), a.member());
        } catch (IncusException e) {
            if (e.kind() == IncusException.Kind.NOT_FOUND) {
                throw new IncusException(IncusException.Kind.FAILED, 0, "the daemon did not set up bridge "
                        + a.name() + " on " + a.member() + " again (" + e.getMessage() + "); restarting that"
                        + " member's daemon recreates it", e);
            }
            throw e;
        }
    }

    /** The network's description (global), which every PATCH of it must carry on LXD 5.0.2. */
    static String description(IncusClient client, Address a) {
        return client.networks().read(a.name(), null).description();
    }

    /**
     * PATCHes one config key. The network's description goes along: LXD 5.0.2 empties it on a PATCH without one,
     * also on a member's ({@code ?target=}) PATCH (checked on the lab).
     */
    private static void patch(ApiObject network, String description, String key, String value, Duration wait) {
        Map<String, String> config = new HashMap<>();
        config.put(key, value);
        network.patch(Map.of("description", description, "config", config), wait);
    }
}
