package net.sigsrv.infra.incus.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** {@code GET /1.0/cluster/members?recursion=1}: status is Online, Offline, Evacuated, …; message says why. */
public record ClusterMember(String serverName, String url, boolean database, String status, String message,
                            List<String> roles, String failureDomain, String architecture, List<String> groups,
                            String description) {
    public ClusterMember {
        roles = Nulls.list(roles);
        groups = Nulls.list(groups);
        message = Nulls.text(message);
        description = Nulls.text(description);
    }

    @JsonIgnore
    public boolean isOnline() {
        return "Online".equalsIgnoreCase(status);
    }
}
