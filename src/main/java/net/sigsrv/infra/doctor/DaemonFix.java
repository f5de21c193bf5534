package net.sigsrv.infra.doctor;

/**
 * A remedy step made through the daemon's API instead of a host shell ({@code infra doctor --fix} runs it, before
 * any host command, through the same connection the doctor read the lab with). {@code text} says exactly what is
 * sent, as the report shows it. Values come from the daemon's own lists (a network the daemon named), never from a
 * host shell.
 */
public record DaemonFix(Kind kind, String network, String text) {

    /** The closed set of things a daemon fix can do. */
    public enum Kind {
        /**
         * Make every member restart the network's dnsmasq (DHCP and DNS): LXD and Incus restart it on a change of a
         * config key the bridge uses, not on a PUT of the same config nor on a {@code user.*} key (checked on LXD
         * 5.0.2), so the fix sets {@code ipv4.dhcp.expiry} to the value it has in effect and puts the config back.
         */
        RESTART_DHCP_DNS
    }

    public static DaemonFix restartDhcpDns(String network) {
        return new DaemonFix(Kind.RESTART_DHCP_DNS, network, "restart the DHCP/DNS server of network " + network
                + " on every member (PUT /1.0/networks/" + network + " with ipv4.dhcp.expiry touched, then the"
                + " config as it was)");
    }

    @Override
    public String toString() {
        return text;
    }
}
