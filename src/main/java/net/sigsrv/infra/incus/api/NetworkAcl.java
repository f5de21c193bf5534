package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

public record NetworkAcl(String name, String description, List<Rule> ingress, List<Rule> egress,
                         Map<String, String> config, List<String> usedBy) {
    public NetworkAcl {
        description = Nulls.text(description);
        ingress = Nulls.list(ingress);
        egress = Nulls.list(egress);
        config = Nulls.map(config);
        usedBy = Nulls.list(usedBy);
    }

    /**
     * One rule; empty strings mean "any" as in the API. The daemon omits empty fields, which are read back as
     * empty strings, so a rule compares equal to the one that was sent.
     */
    public record Rule(String action, String source, String destination, String protocol, String sourcePort,
                       String destinationPort, String icmpType, String icmpCode, String state, String description) {
        public Rule {
            action = Nulls.text(action);
            source = Nulls.text(source);
            destination = Nulls.text(destination);
            protocol = Nulls.text(protocol);
            sourcePort = Nulls.text(sourcePort);
            destinationPort = Nulls.text(destinationPort);
            icmpType = Nulls.text(icmpType);
            icmpCode = Nulls.text(icmpCode);
            state = Nulls.text(state);
            description = Nulls.text(description);
        }
    }
}
