package net.sigsrv.infra.doctor;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The kinds of value a host command is built from, each checked before it may become an argument: interface and
 * bridge names by the kernel's rules, members by the cluster's list, addresses by parsing them. Values come from
 * the daemon and the spec, and a member's own interfaces may carry any name the kernel allows ({@code ;},
 * {@code $()}, backticks, {@code =}): such a name is still a valid argument, quoted by {@link HostCommand#text()},
 * but one that breaks a rule below is refused. Each check answers why not, or empty.
 */
final class HostValues {

    /** Linux's IFNAMSIZ is 16 bytes with the terminating NUL. */
    static final int IFACE_MAX = 15;
    /** What the kernel's {@code isspace} counts as whitespace. */
    private static final String KERNEL_SPACE = " \t\n\u000b\f\r";
    private static final Pattern MEMBER = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_.-]{0,62})");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private HostValues() {
    }

    /**
     * Why {@code name} is not an interface name the kernel accepts (its {@code dev_valid_name}: 1–15 bytes, not
     * {@code .} or {@code ..}, no {@code /}, {@code :} or whitespace), or one that cannot be shown as it is.
     */
    static Optional<String> iface(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("the interface name is empty");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > IFACE_MAX) {
            return Optional.of("interface name '" + visible(name) + "' has " + bytes + " bytes; the kernel allows at"
                    + " most " + IFACE_MAX);
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("'" + name + "' is not an interface name (the kernel refuses . and ..)");
        }
        for (char c : name.toCharArray()) {
            if (c == '/' || c == ':' || KERNEL_SPACE.indexOf(c) >= 0) {
                return Optional.of("interface name '" + visible(name) + "' holds '" + visible(String.valueOf(c))
                        + "', which the kernel refuses in interface names");
            }
        }
        return unshowable(name).map(why -> "interface name " + why);
    }

    /** A bridge is a kernel interface too. */
    static Optional<String> bridge(String name) {
        return iface(name).map(why -> "bridge: " + why);
    }

    /** Why {@code name} is not one of the cluster's members (the host a command would be sent to). */
    static Optional<String> member(String name, Collection<String> members) {
        if (name == null || !MEMBER.matcher(name).matches()) {
            return Optional.of("'" + visible(String.valueOf(name)) + "' is not a host name");
        }
        return members.contains(name) ? Optional.empty()
                : Optional.of("'" + name + "' is not a member of the cluster");
    }

    /** The MTUs Linux accepts on an Ethernet-like device (its ETH_MIN_MTU and the largest a bridge takes). */
    static final long MTU_MIN = 68;
    static final long MTU_MAX = 65535;

    /** Why {@code mtu} is not an MTU ({@value #MTU_MIN}-{@value #MTU_MAX}, decimal digits only), or empty. */
    static Optional<String> mtu(String mtu) {
        if (mtu == null || !mtu.matches("[1-9][0-9]{1,4}") || Long.parseLong(mtu) < MTU_MIN
                || Long.parseLong(mtu) > MTU_MAX) {
            return Optional.of("'" + visible(String.valueOf(mtu)) + "' is not an MTU (" + MTU_MIN + "-" + MTU_MAX
                    + ")");
        }
        return Optional.empty();
    }

    /** {@code address/prefix} from an address and its prefix length as the daemon reports them, once both parse. */
    static Checked cidr(String address, String netmask) {
        String a = address == null ? "" : address;
        boolean v4 = a.indexOf(':') < 0;
        Optional<String> why = v4 ? ipv4(a) : ipv6(a);
        if (why.isPresent()) {
            return Checked.no(why.get());
        }
        int max = v4 ? 32 : 128;
        int prefix;
        try {
            prefix = Integer.parseInt(netmask == null ? "" : netmask);
        } catch (NumberFormatException e) {
            return Checked.no("'" + visible(String.valueOf(netmask)) + "' is not a prefix length (0-" + max + ")");
        }
        if (prefix < 0 || prefix > max || !netmask.matches("\\d{1,3}")) {
            return Checked.no("'" + visible(netmask) + "' is not a prefix length (0-" + max + ")");
        }
        return Checked.ok(a + "/" + prefix);
    }

    private static Optional<String> ipv4(String a) {
        String[] parts = a.split("\\.", -1);
        boolean ok = parts.length == 4;
        for (int i = 0; ok && i < 4; i++) {
            ok = parts[i].matches("0|[1-9]\\d{0,2}") && Integer.parseInt(parts[i]) <= 255;
        }
        return ok ? Optional.empty() : Optional.of("'" + visible(a) + "' is not an IPv4 address");
    }

    private static Optional<String> ipv6(String a) {
        // only hex digits, ':' and '.', with a ':' in it: InetAddress reads that as a literal, never looks it up
        if (!IPV6_CHARS.matcher(a).matches()) {
            return Optional.of("'" + visible(a) + "' is not an IPv6 address");
        }
        try {
            return InetAddress.getByName(a) instanceof Inet6Address ? Optional.empty()
                    : Optional.of("'" + a + "' is not an IPv6 address");
        } catch (UnknownHostException e) {
            return Optional.of("'" + a + "' is not an IPv6 address");
        }
    }

    /**
     * Why {@code value} cannot be shown as it is, or empty: it holds a control character or anything beyond
     * printable ASCII (an escape sequence or a right-to-left mark could make a terminal show other text).
     */
    static Optional<String> unshowable(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return Optional.of("'" + visible(value) + "' holds a character that cannot be shown as it is ("
                        + String.format("U+%04X", (int) c) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * {@code value} with every character outside printable ASCII written {@code \\uXXXX}, safe to print; a long
     * value is cut after 40 characters and says its length.
     */
    static String visible(String value) {
        StringBuilder s = new StringBuilder();
        int shown = Math.min(value.length(), 40);
        for (int i = 0; i < shown; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                s.append(String.format("\\u%04x", (int) c));
            } else {
                s.append(c);
            }
        }
        return shown < value.length() ? s + "… (" + value.length() + " characters)" : s.toString();
    }

    /** A checked value, or why it failed its check. */
    record Checked(String value, String problem) {
        static Checked ok(String value) {
            return new Checked(value, "");
        }

        static Checked no(String problem) {
            return new Checked("", problem);
        }

        boolean ok() {
            return problem.isEmpty();
        }
    }
}
