package net.sigsrv.infra.incus.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** {@code GET /1.0}: what the daemon is and which API extensions it has. Gate behaviour on extensions. */
public record ServerInfo(List<String> apiExtensions, String apiStatus, String apiVersion, String auth,
                         @JsonProperty("auth_methods") List<String> authMethods, Environment environment,
                         Map<String, Object> config) {

    public ServerInfo {
        apiExtensions = apiExtensions == null ? List.of() : List.copyOf(apiExtensions);
        authMethods = authMethods == null ? List.of() : List.copyOf(authMethods);
        config = config == null ? Map.of() : config;
    }

    /** The server half of {@code environment}. */
    public record Environment(String server, String serverName, String serverVersion, boolean serverClustered,
                              String serverEventMode, List<String> addresses, String certificate,
                              String certificateFingerprint, String kernelVersion) {
    }

    public boolean has(String extension) {
        return apiExtensions.contains(extension);
    }

    /** "incus" or "lxd", from {@code environment.server}. */
    public String flavour() {
        return environment == null || environment.server() == null ? "unknown" : environment.server();
    }

    @JsonIgnore
    public boolean isTrusted() {
        return "trusted".equals(auth);
    }
}
