package net.sigsrv.infra.spec.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.spec.model.Acl;
import net.sigsrv.infra.spec.model.AclRule;
import net.sigsrv.infra.spec.model.Spec;
import net.sigsrv.infra.spec.model.Zone;
import net.sigsrv.infra.spec.model.ZoneRecord;
import net.sigsrv.infra.values.Ipv4;

/** {@code zone-record} and {@code acl-rule}: records and rules Incus would accept. */
final class ZoneAndAclRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        for (Zone z : spec.zones()) {
            Map<String, ZoneRecord> seen = new HashMap<>();
            for (ZoneRecord r : z.records()) {
                String subject = "zone " + z.name() + " record " + r.name();
                if (r.type().equals("A") && Ipv4.parseAddress(r.value()).isEmpty()) {
                    report.error("zone-record", subject, r.loc().of("value"), subject + ": A record value '"
                            + r.value() + "' is not an IPv4 address", "An A record holds an address such as"
                            + " 172.20.1.10; to point at another name, use `type: CNAME`.");
                }
                if (r.type().equals("CNAME") && Names.dns(r.value().replaceAll("\\.$", "")).isPresent()) {
                    report.error("zone-record", subject, r.loc().of("value"), subject + ": CNAME value '"
                            + r.value() + "' is not a DNS name");
                }
                ZoneRecord earlier = seen.putIfAbsent(r.name() + "/" + r.type() + "/" + r.value(), r);
                if (earlier != null) {
                    report.error("zone-record", subject, r.loc().at(), subject + ": the same " + r.type()
                            + " record is listed twice (first at line " + earlier.loc().at().line() + ")");
                }
            }
        }
        for (Acl a : spec.acls()) {
            rules(report, a, "ingress", a.ingress());
            rules(report, a, "egress", a.egress());
        }
    }

    private static void rules(Report report, Acl acl, String direction, List<AclRule> rules) {
        for (int i = 0; i < rules.size(); i++) {
            AclRule r = rules.get(i);
            String subject = "acl " + acl.name() + " " + direction + " rule " + (i + 1);
            String protocol = r.protocol().orElse("");
            boolean ports = r.sourcePort().isPresent() || r.destinationPort().isPresent();
            boolean icmp = r.icmpType().isPresent() || r.icmpCode().isPresent();
            if (ports && !(protocol.equals("tcp") || protocol.equals("udp"))) {
                report.error("acl-rule", subject, r.loc().of(r.sourcePort().isPresent() ? "source-port"
                        : "destination-port"), subject + ": ports need protocol tcp or udp", "Add `protocol:"
                        + " tcp` (or udp).");
            }
            if (icmp && !protocol.startsWith("icmp")) {
                report.error("acl-rule", subject, r.loc().of(r.icmpType().isPresent() ? "icmp-type" : "icmp-code"),
                        subject + ": icmp-type and icmp-code need protocol icmp4 or icmp6", "Set `protocol: icmp4`"
                        + " (or icmp6), or drop icmp-type and icmp-code.");
            }
        }
    }
}
