package net.sigsrv.infra.talos.api;

import java.util.List;

/** The replies of the Talos API as plain values, so that callers never handle generated types. */
public final class TalosReplies {

    private TalosReplies() {
    }

    /**
     * Version: {@code node} is the hostname the endpoint filled in when it routed the call (empty for a direct call).
     */
    public record Version(String node, String tag, String sha, String arch, String platform, String mode) {
    }

    /** ApplyConfiguration: the mode the node chose (AUTO resolves to one), its words, and any warnings. */
    public record Applied(String node, ApplyMode mode, String details, List<String> warnings) {
        public Applied {
            warnings = List.copyOf(warnings);
        }

        /** Whether the node reboots (or installs and reboots) to take the configuration. */
        public boolean reboots() {
            return mode == ApplyMode.REBOOT;
        }
    }

    /** How a configuration is applied: Talos's {@code ApplyConfigurationRequest.Mode}. */
    public enum ApplyMode {
        REBOOT, AUTO, NO_REBOOT, STAGED, TRY
    }

    /** One etcd member as a control plane sees it. */
    public record EtcdMember(long id, String hostname, List<String> peerUrls, List<String> clientUrls,
            boolean learner) {
        public EtcdMember {
            peerUrls = List.copyOf(peerUrls);
            clientUrls = List.copyOf(clientUrls);
        }
    }

    /** One system service (apid, etcd, kubelet, …) with its state and health. */
    public record Service(String id, String state, boolean healthy, String lastMessage) {
    }

    /** What Bootstrap did: the caller's helper counts "already bootstrapped" as done. */
    public enum Bootstrap {
        BOOTSTRAPPED, ALREADY_BOOTSTRAPPED
    }
}
