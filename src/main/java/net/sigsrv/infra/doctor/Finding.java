package net.sigsrv.infra.doctor;

import java.util.List;

/**
 * What one check found about one subject on one host (or the whole lab: {@code host} empty), within one network
 * where that matters ({@code network}: the bridge a VLAN interface serves; "" otherwise). {@code causedBy} holds
 * the {@link #key() keys} of the findings that explain this one (set by {@link RootCauses}); a finding with no cause
 * and a problem is a root. {@code unreadable} marks a finding that only says the daemon could not be asked (its
 * cause is then the member's own state, if that is bad).
 */
public record Finding(Check check, Severity severity, String host, String network, String subject,
                      String summary, List<String> evidence, Remedy remedy, List<String> causedBy,
                      boolean unreadable) {

    public Finding {
        java.util.Objects.requireNonNull(check, "check");
        host = host == null ? "" : host;
        network = network == null ? "" : network;
        subject = subject == null ? "" : subject;
        evidence = List.copyOf(evidence);
        causedBy = List.copyOf(causedBy);
    }

    /** The check's area. */
    public Area area() {
        return check.area();
    }

    /** Unique within a report: {@code check@host/subject}, or {@code check@host/network/subject} (the check's ID). */
    public String key() {
        return check.id() + "@" + host + "/" + (network.isEmpty() || network.equals(subject) ? "" : network + "/")
                + subject;
    }

    public boolean isRoot() {
        return severity.isProblem() && causedBy.isEmpty();
    }

    public Finding causedBy(List<String> keys) {
        return new Finding(check, severity, host, network, subject, summary, evidence, remedy, keys,
                unreadable);
    }

    /** Starts a finding of {@code check}; finish it with one of the severity methods of {@link Builder}. */
    public static Builder of(Check check, String host, String subject) {
        return new Builder(check, host, subject);
    }

    /** Collects evidence, then makes the finding with its severity. */
    public static final class Builder {
        private final Check check;
        private final String host;
        private final String subject;
        private final java.util.ArrayList<String> evidence = new java.util.ArrayList<>();
        private Remedy remedy = Remedy.NONE;
        private String network = "";
        private boolean unreadable;

        private Builder(Check check, String host, String subject) {
            this.check = check;
            this.host = host;
            this.subject = subject;
        }

        public Builder evidence(String line) {
            evidence.add(line);
            return this;
        }

        public Builder remedy(Remedy r) {
            remedy = r;
            return this;
        }

        /** The network (bridge) the subject belongs to. */
        public Builder network(String name) {
            network = name;
            return this;
        }

        public Builder unreadable() {
            unreadable = true;
            return this;
        }

        public Finding ok(String summary) {
            return make(Severity.OK, summary);
        }

        public Finding warn(String summary) {
            return make(Severity.WARN, summary);
        }

        public Finding error(String summary) {
            return make(Severity.ERROR, summary);
        }

        public Finding critical(String summary) {
            return make(Severity.CRITICAL, summary);
        }

        public Finding make(Severity severity, String summary) {
            return new Finding(check, severity, host, network, subject, summary, evidence,
                    severity.isProblem() ? remedy : Remedy.NONE, List.of(), unreadable);
        }
    }
}
