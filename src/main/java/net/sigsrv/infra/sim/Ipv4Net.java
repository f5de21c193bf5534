package net.sigsrv.infra.sim;

/** An IPv4 address with its prefix, as a bridge's {@code ipv4.address} gives it ({@code 172.20.0.1/16}). */
record Ipv4Net(long address, int prefix) {

    /** The parsed CIDR, or null when it is not one. */
    static Ipv4Net parse(String cidr) {
        String[] parts = cidr.split("/");
        if (parts.length != 2) {
            return null;
        }
        String[] octets = parts[0].split("\\.");
        if (octets.length != 4) {
            return null;
        }
        try {
            long a = 0;
            for (String o : octets) {
                int v = Integer.parseInt(o);
                if (v < 0 || v > 255) {
                    return null;
                }
                a = a << 8 | v;
            }
            int p = Integer.parseInt(parts[1]);
            return p < 0 || p > 30 ? null : new Ipv4Net(a, p);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String text(long a) {
        return (a >> 24 & 0xff) + "." + (a >> 16 & 0xff) + "." + (a >> 8 & 0xff) + "." + (a & 0xff);
    }

    String gatewayText() {
        return text(address);
    }

    private long mask() {
        return (0xffffffffL << (32 - prefix)) & 0xffffffffL;
    }

    long first() {
        return (address & mask()) + 1;
    }

    long last() {
        return (address & mask() | ~mask() & 0xffffffffL) - 1;
    }

    boolean contains(String ip) {
        Ipv4Net other = parse(ip + "/" + prefix);
        return other != null && (other.address & mask()) == (address & mask());
    }
}
