package net.sigsrv.infra.talos.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import net.sigsrv.infra.spec.model.Network;
import net.sigsrv.infra.values.Ipv4;

/**
 * The static part of a managed network: its host addresses (IPv4 subnet without network and broadcast address)
 * minus the gateway and minus every range of {@code ipv4.dhcp.ranges}, where the daemon's DHCP server hands out
 * dynamic leases. Reserved node addresses are taken from here only, so a dynamic lease can never take one first.
 * When the network sets no ranges, the daemon leases from the whole subnet and the static part is all of it (a
 * reservation still wins, as the daemon writes it into its DHCP server's host list; set {@code ipv4.dhcp.ranges} to
 * keep dynamic clients out of the nodes' way).
 *
 * <p>Held as sorted, disjoint, inclusive intervals so a {@code /8} costs no more than a {@code /24}.
 */
final class StaticAddresses {

    private final List<long[]> intervals;
    private final long size;

    private StaticAddresses(List<long[]> intervals) {
        this.intervals = List.copyOf(intervals);
        this.size = intervals.stream().mapToLong(i -> i[1] - i[0] + 1).sum();
    }

    /** The static part of {@code n}; empty when its {@code ipv4} is not a subnet (validation reports that). */
    static Optional<StaticAddresses> of(Network n) {
        Optional<Ipv4.Cidr> parsed = Ipv4.parseCidr(n.ipv4());
        if (parsed.isEmpty() || parsed.get().prefix() > 30) {
            return Optional.empty();
        }
        Ipv4.Cidr cidr = parsed.get();
        List<long[]> free = new ArrayList<>();
        free.add(new long[] {cidr.firstHost(), cidr.lastHost()});
        long gateway = n.gateway().flatMap(g -> box(Ipv4.parseAddress(g))).orElse(cidr.firstHost());
        free = minus(free, gateway, gateway);
        for (String range : n.config().getOrDefault("ipv4.dhcp.ranges", "").split(",")) {
            String[] ends = range.trim().split("-");
            if (ends.length == 2) {
                OptionalLong lo = Ipv4.parseAddress(ends[0]);
                OptionalLong hi = Ipv4.parseAddress(ends[1]);
                if (lo.isPresent() && hi.isPresent()) {
                    free = minus(free, lo.getAsLong(), hi.getAsLong());
                }
            }
        }
        return Optional.of(new StaticAddresses(free));
    }

    private static Optional<Long> box(OptionalLong v) {
        return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
    }

    private static List<long[]> minus(List<long[]> from, long lo, long hi) {
        List<long[]> out = new ArrayList<>();
        for (long[] i : from) {
            if (hi < i[0] || lo > i[1]) {
                out.add(i);
                continue;
            }
            if (i[0] < lo) {
                out.add(new long[] {i[0], lo - 1});
            }
            if (i[1] > hi) {
                out.add(new long[] {hi + 1, i[1]});
            }
        }
        return out;
    }

    long size() {
        return size;
    }

    /** The {@code n}th static address, {@code 0 <= n < size()}, in ascending order. */
    long get(long n) {
        long left = n;
        for (long[] i : intervals) {
            long width = i[1] - i[0] + 1;
            if (left < width) {
                return i[0] + left;
            }
            left -= width;
        }
        throw new IndexOutOfBoundsException("static address " + n + " of " + size);
    }

    boolean contains(long address) {
        return intervals.stream().anyMatch(i -> address >= i[0] && address <= i[1]);
    }
}
