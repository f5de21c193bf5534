package net.sigsrv.infra.spec.validate;

import java.util.Optional;
import java.util.regex.Pattern;

/** The naming rules Incus, Linux and DNS impose, as predicates that say what is wrong. */
final class Names {

    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern INCUS = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,14}");
    private static final Pattern DNS_LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private Names() {
    }

    /** Why {@code name} is not a hostname (instances, hosts, clusters), or empty when it is one. */
    static Optional<String> hostname(String name) {
        return HOSTNAME.matcher(name).matches() ? Optional.empty()
                : Optional.of("a hostname: 1–63 letters, digits and '-', starting with a letter and not ending"
                + " with '-'");
    }

    /** Why {@code name} is not a valid Incus object name (pools, projects, profiles, ACLs, volumes). */
    static Optional<String> incus(String name) {
        return INCUS.matcher(name).matches() ? Optional.empty()
                : Optional.of("an Incus name: 1–63 letters, digits, '_', '.' and '-', starting with a letter or"
                + " digit");
    }

    /** Why {@code name} is not a Linux interface name (bridges, VLAN interfaces, NIC devices). */
    static Optional<String> iface(String name) {
        if (name.length() > 15 && INTERFACE.matcher(name.substring(0, 15)).matches()) {
            return Optional.of("an interface name: it has " + name.length() + " characters, and the kernel allows"
                    + " at most 15");
        }
        return INTERFACE.matcher(name).matches() ? Optional.empty()
                : Optional.of("an interface name: 1–15 letters, digits, '_', '.' and '-' (the kernel's limit)");
    }

    /** Why {@code name} is not a DNS name (zones). */
    static Optional<String> dns(String name) {
        if (name.length() > 253) {
            return Optional.of("a DNS name of at most 253 characters");
        }
        for (String label : name.split("\\.", -1)) {
            if (!DNS_LABEL.matcher(label).matches()) {
                return Optional.of("a DNS name: dot-separated labels of 1–63 letters, digits and '-'");
            }
        }
        return Optional.empty();
    }
}
