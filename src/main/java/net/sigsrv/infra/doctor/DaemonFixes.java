package net.sigsrv.infra.doctor;

import java.util.LinkedHashMap;
import java.util.Map;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.Tagged;
import net.sigsrv.infra.incus.api.Network;

/** Runs {@link DaemonFix}es through the daemon's API; each answers with the line the CLI shows. */
public final class DaemonFixes {

    /** The DHCP lease time of LXD and Incus when {@code ipv4.dhcp.expiry} is not set. */
    static final String DEFAULT_EXPIRY = "1h";
    private static final String EXPIRY = "ipv4.dhcp.expiry";

    private DaemonFixes() {
    }

    /**
     * Runs one fix. Throws {@link IncusException} with the daemon's message when a call fails; the message then says
     * what was left changed, if anything.
     */
    public static String run(IncusClient client, DaemonFix fix) {
        return switch (fix.kind()) {
            case RESTART_DHCP_DNS -> restartDhcpDns(client, fix.network());
        };
    }

    /**
     * Two updates of the network's global config, each with the ETag it was read with: first {@code
     * ipv4.dhcp.expiry} changes form (set to the default it has in effect, or unset where it was set), which makes
     * every member restart its dnsmasq for the bridge; then the config goes back to exactly what it was, which
     * restarts it once more. The lease time in effect is the same throughout.
     */
    static String restartDhcpDns(IncusClient client, String network) {
        Tagged<Network> before = client.networks().get(null, network, null);
        Map<String, String> original = before.value().config();
        Map<String, String> touched = new LinkedHashMap<>(original);
        if (touched.containsKey(EXPIRY)) {
            touched.remove(EXPIRY);
        } else {
            touched.put(EXPIRY, DEFAULT_EXPIRY);
        }
        String description = before.value().description();
        client.networks().update(null, network, description, touched, before.etag());
        Tagged<Network> between = client.networks().get(null, network, null);
        try {
            client.networks().update(null, network, description, original, between.etag());
        } catch (IncusException e) {
            throw new IncusException(e.kind(), e.status(), "dnsmasq of " + network + " was restarted, but putting its config"
                    + " back failed (" + EXPIRY + " is " + touched.getOrDefault(EXPIRY, "unset") + " now, was "
                    + original.getOrDefault(EXPIRY, "unset") + "): " + e.getMessage());
        }
        return "restarted the DHCP/DNS server (dnsmasq) of " + network + " on every member; its config is as it was";
    }
}
