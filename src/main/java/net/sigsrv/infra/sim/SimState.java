package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the simulated cluster remembers, as plain data written to {@code state.json}. Objects that the API
 * returns as they were sent (projects, profiles, zones, records, ACLs, volumes) are kept as the JSON the API shows;
 * the rest have fields for what the daemon computes. Guarded by {@link SimModel}'s lock; never shared outside it.
 */
public final class SimState {

    /** "incus" or "lxd" (LXD 5.0.2): decides api_extensions, environment.server and a few defaults. */
    public String flavour = "incus";
    public List<Member> members = new ArrayList<>();
    public Map<String, ObjectNode> projects = new TreeMap<>();
    /** project → name → profile. */
    public Map<String, Map<String, ObjectNode>> profiles = new TreeMap<>();
    public Map<String, Net> networks = new TreeMap<>();
    public Map<String, ObjectNode> zones = new TreeMap<>();
    /** zone → name → record. */
    public Map<String, Map<String, ObjectNode>> records = new TreeMap<>();
    public Map<String, ObjectNode> acls = new TreeMap<>();
    public Map<String, Pool> pools = new TreeMap<>();
    /** "project/pool/name" → volume (with {@code location}). */
    public Map<String, ObjectNode> volumes = new TreeMap<>();
    /** "project/name" → instance. */
    public Map<String, Inst> instances = new TreeMap<>();
    /** network → hwaddr → IPv4 address handed out by the bridge's DHCP. */
    public Map<String, Map<String, String>> leases = new TreeMap<>();
    /**
     * network → leases another member's DHCP server handed to a NIC beside its reservation ({@code wrong-address}),
     * each {@code [hwaddr, address, member]}: the instance holds the address too, the lease list shows it.
     */
    public Map<String, List<List<String>>> strayLeases = new TreeMap<>();
    /** Faults injected and not healed, in order, as {@code lab/fault} records them. */
    public List<List<String>> faults = new ArrayList<>();
    /** Counter for MAC addresses and ids, so a state file replays to the same answers. */
    public long serial;

    /** A cluster member and the host interfaces the simulation gives it. */
    public static final class Member {
        public String name;
        public String status = "Online";
        public String message = "Fully operational";
        public List<String> roles = new ArrayList<>();
        public String url;
        public Map<String, Iface> ifaces = new LinkedHashMap<>();
        /** Bridge → the MTU its device has on this member where that is not its bridge.mtu (the mtu fault). */
        public Map<String, Integer> bridgeMtu = new LinkedHashMap<>();
    }

    /** A host interface: a VLAN interface for a bridge's external interface, or the management NIC. */
    public static final class Iface {
        public String name;
        public String type = "vlan";
        /** CIDRs with global scope. */
        public List<String> addresses = new ArrayList<>();
        public boolean up = true;
        /** The bridge it is attached to, if any. */
        public String master;
        public long vid;
        public String lower = "";
        public int mtu = 1500;
        public String hwaddr;
    }

    /** A managed network: global config, per-member config, and whether every member has it yet. */
    public static final class Net {
        public String name;
        public String description = "";
        public String type = "bridge";
        public String status = "Pending";
        public Map<String, String> config = new TreeMap<>();
        public Map<String, Map<String, String>> memberConfig = new TreeMap<>();
        /** Members whose dnsmasq for this bridge the {@code kill-dhcp} fault killed (no DHCP, no DNS there). */
        public List<String> dhcpDown = new ArrayList<>();
        /** Members whose bridge device the {@code del-bridge} fault deleted (the network stays Created). */
        public List<String> missing = new ArrayList<>();
        /** Host-side veths of instances left outside the bridge when its device was deleted, per member. */
        public Map<String, List<String>> detached = new TreeMap<>();
    }

    /** A storage pool: like a network, plus space per member. */
    public static final class Pool {
        public String name;
        public String description = "";
        public String driver;
        public String status = "Pending";
        public Map<String, String> config = new TreeMap<>();
        public Map<String, Map<String, String>> memberConfig = new TreeMap<>();
        /** Members whose pool the {@code fill-pool} fault filled. */
        public List<String> full = new ArrayList<>();
    }

    /** An instance: the API object (config, devices, profiles…) plus where and how it runs. */
    public static final class Inst {
        public ObjectNode object;
        public String status = "Stopped";
        public String location;
        public long pid;
    }
}
