package net.sigsrv.infra.spec.validate;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sigsrv.infra.diag.Excerpt;
import net.sigsrv.infra.spec.model.Acl;
import net.sigsrv.infra.spec.model.AclRule;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.values.Ipv4;

/**
 * {@code acl-address} and {@code acl-port}: the addresses and ports of ACL rules parse as the daemon will parse
 * them. A peer that looks like an address (digits, dots, slashes, colons) is not an ACL name, so the reference rule
 * leaves it alone; here it must be an IPv4 address, CIDR or range, or an IPv6 address or CIDR. Ports are 1–65535,
 * single or as a range LOW-HIGH with LOW ≤ HIGH.
 */
final class AclValueRules implements SpecValidator.Rules {

    private static final Pattern ADDRESS_LIKE = Pattern.compile("[0-9./-]+|.*:.*");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(/(\\d{1,3}))?");
    private static final Pattern PORT = Pattern.compile("(\\d{1,9})(-(\\d{1,9}))?");

    @Override
    public void check(Spec spec, Report report) {
        for (Acl a : spec.acls()) {
            rules(report, a, "ingress", a.ingress());
            rules(report, a, "egress", a.egress());
        }
    }

    private static void rules(Report report, Acl acl, String direction, List<AclRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            AclRule r = rules.get(i);
            String subject = "acl " + Excerpt.of(acl.name()) + " " + direction + " rule " + (i + 1);
            r.source().ifPresent(v -> peers(report, subject, r, "source", v));
            r.destination().ifPresent(v -> peers(report, subject, r, "destination", v));
            r.sourcePort().ifPresent(v -> ports(report, subject, r, "source-port", v));
            r.destinationPort().ifPresent(v -> ports(report, subject, r, "destination-port", v));
        }
    }

    private static void peers(Report report, String subject, AclRule r, String key, String value) {
        for (String peer : value.split(",", -1)) {
            String p = peer.trim();
            Optional<String> why = p.isEmpty() ? Optional.of("is empty (a stray comma?)")
                    : ADDRESS_LIKE.matcher(p).matches() ? address(p) : Optional.empty();
            why.ifPresent(w -> report.error("acl-address", subject, r.loc().of(key), subject + ": " + key + " '"
                    + Excerpt.of(p) + "' " + w, "Write an address (10.0.0.5), a CIDR (10.0.0.0/24), a range"
                    + " (10.0.0.5-10.0.0.9), an IPv6 address or CIDR, an ACL name, or @internal / @external."));
        }
    }

    /** Why an address-like peer is not an address, CIDR or range; empty when it is one. */
    private static Optional<String> address(String p) {
        if (p.contains(":")) {
            Matcher m = IPV6.matcher(p);
            boolean ok = m.matches() && (m.group(2) == null || Integer.parseInt(m.group(2)) <= 128)
                    && p.indexOf("::") == p.lastIndexOf("::");
            return ok ? Optional.empty() : Optional.of("is not an IPv6 address or CIDR (prefix at most /128)");
        }
        int dash = p.indexOf('-');
        if (dash >= 0) {
            var from = Ipv4.parseAddress(p.substring(0, dash));
            var to = Ipv4.parseAddress(p.substring(dash + 1));
            if (from.isEmpty() || to.isEmpty()) {
                return Optional.of("is not an address range FIRST-LAST");
            }
            return from.getAsLong() <= to.getAsLong() ? Optional.empty()
                    : Optional.of("is a reversed range: its first address is after its last");
        }
        if (p.contains("/")) {
            return Ipv4.parseCidr(p).isPresent() ? Optional.empty()
                    : Optional.of("is not an IPv4 CIDR (four numbers 0–255, then /0 to /32)");
        }
        return Ipv4.parseAddress(p).isPresent() ? Optional.empty()
                : Optional.of("is not an IPv4 address (four numbers 0–255)");
    }

    private static void ports(Report report, String subject, AclRule r, String key, String value) {
        for (String item : value.split(",", -1)) {
            String p = item.trim();
            Matcher m = PORT.matcher(p);
            String why = "";
            if (!m.matches()) {
                why = "is not a port or a range LOW-HIGH";
            } else {
                int low = Integer.parseInt(m.group(1));
                int high = m.group(3) == null ? low : Integer.parseInt(m.group(3));
                why = low < 1 || low > 65535 || high < 1 || high > 65535 ? "is outside 1–65535"
                        : low > high ? "is a reversed range: " + low + " is above " + high : "";
            }
            if (!why.isEmpty()) {
                report.error("acl-port", subject, r.loc().of(key), subject + ": " + key + " '" + Excerpt.of(p)
                        + "' " + why, "Ports are 1–65535: one port (22), a range (8000-8080), or a comma-separated"
                        + " list of them (22,443,8000-8080).");
            }
        }
    }
}
