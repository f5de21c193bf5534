package net.sigsrv.infra.sim;

import java.util.List;
import net.sigsrv.infra.incus.IncusClient;

/**
 * What the conformance suite runs against: a client, the member names, an image alias, and the faults it can make
 * (with the same names as {@code lab/fault}). Closing it undoes what it set up.
 */
interface Target extends AutoCloseable {

    String name();

    IncusClient client();

    List<String> members();

    String image();

    /** A /24 inside the lab's own 10.231.0.0/16 that no other test uses: the third octet. */
    int subnet();

    void detachVlan(String member, String iface);

    /** Puts {@code iface} back on {@code bridge} on {@code member} (undoes {@link #detachVlan}). */
    void attachVlan(String member, String iface, String bridge);

    void addIp(String member, String iface, String cidr);

    void removeIp(String member, String iface, String cidr);

    void stopMember(String member);

    void startMember(String member);

    /** Waits until the target can take a test (the lab: every member Online; other checkouts make faults too). */
    void ready();

    /** Holds the VLAN segments for one test at a time (the lab's are shared by every checkout). */
    AutoCloseable lockSegments();

    @Override
    void close();
}
