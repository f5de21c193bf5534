package net.sigsrv.infra.values;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * IPv4 addresses and networks as unsigned 32-bit numbers held in a {@code long}: the one parser and formatter the
 * spec's rules, the simulator's bridges and the doctor's probe addresses share. Parsing is strict (four decimal
 * octets without leading zeros, a prefix of 0 to 32) and answers empty rather than throwing.
 */
public final class Ipv4 {

    private Ipv4() {
    }

    /** A network in CIDR form; {@code address} may have host bits set (check {@link #isNetworkAddress()}). */
    public record Cidr(long address, int prefix) {

        public long mask() {
            return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
        }

        public long network() {
            return address & mask();
        }

        public long broadcast() {
            return network() | (~mask() & 0xFFFF_FFFFL);
        }

        public boolean isNetworkAddress() {
            return address == network();
        }

        public boolean contains(long ip) {
            return (ip & mask()) == network();
        }

        public boolean overlaps(Cidr other) {
            return network() <= other.broadcast() && other.network() <= broadcast();
        }

        /** The first usable host address: the default gateway. */
        public long firstHost() {
            return prefix >= 31 ? network() : network() + 1;
        }

        /** The last usable host address: the one below the broadcast address (for /31 and /32, the last one). */
        public long lastHost() {
            return prefix >= 31 ? broadcast() : broadcast() - 1;
        }

        @Override
        public String toString() {
            return format(network()) + "/" + prefix;
        }
    }

    public static OptionalLong parseAddress(String text) {
        String[] parts = text.trim().split("\\.", -1);
        if (parts.length != 4) {
            return OptionalLong.empty();
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.startsWith("0"))) {
                return OptionalLong.empty();
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                return OptionalLong.empty();
            }
            value = (value << 8) | octet;
        }
        return OptionalLong.of(value);
    }

    public static Optional<Cidr> parseCidr(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        OptionalLong address = parseAddress(text.substring(0, slash));
        String prefix = text.substring(slash + 1).trim();
        if (address.isEmpty() || prefix.isEmpty() || prefix.length() > 2
                || !prefix.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        int length = Integer.parseInt(prefix);
        return length > 32 ? Optional.empty() : Optional.of(new Cidr(address.getAsLong(), length));
    }

    public static String format(long ip) {
        return ((ip >> 24) & 0xff) + "." + ((ip >> 16) & 0xff) + "." + ((ip >> 8) & 0xff) + "." + (ip & 0xff);
    }
}
