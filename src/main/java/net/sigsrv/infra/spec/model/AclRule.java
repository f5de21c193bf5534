package net.sigsrv.infra.spec.model;

import java.util.Optional;
import java.util.OptionalLong;

public record AclRule(String action, Optional<String> source, Optional<String> destination,
                      Optional<String> protocol, Optional<String> sourcePort, Optional<String> destinationPort,
                      OptionalLong icmpType, OptionalLong icmpCode, String state, String description, Loc loc) {
}
