package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import net.sigsrv.infra.guard.AuditLog;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.transport.Pem;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Puts the audit log on a client as {@link Connections} builds it, so every mutating call of every command is
 * recorded (and refused when it could not be): the file from {@code --audit-log}, else {@code INFRA_AUDIT_LOG},
 * else the XDG state directory.
 */
final class Audit {

    private Audit() {
    }

    static IncusClient install(IncusClient client, CommandSpec command, String remote) {
        return client.listen(log(command, remote, client.endpoint()));
    }

    static AuditLog log(CommandSpec command, String remote, Endpoint endpoint) {
        // found once, when the first line is written: remote add makes its client certificate after this
        java.util.function.Supplier<AuditLog.Actor> actor = new java.util.function.Supplier<>() {
            private AuditLog.Actor found;

            @Override
            public synchronized AuditLog.Actor get() {
                if (found == null) {
                    found = new AuditLog.Actor(System.getProperty("user.name"), fingerprint(endpoint));
                }
                return found;
            }
        };
        return new AuditLog(file(command), actor, remote);
    }

    static Path file(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        return root.auditLog != null ? root.auditLog
                : AuditLog.defaultFile(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** The SHA-256 fingerprint of the client certificate the endpoint authenticates with, or null. */
    private static String fingerprint(Endpoint endpoint) {
        if (endpoint instanceof Endpoint.Https h && h.clientCert().isPresent()) {
            try {
                List<java.security.cert.X509Certificate> certs = Pem.certificates(h.clientCert().get());
                return certs.isEmpty() ? null : Pem.fingerprint(certs.getFirst());
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return null;
    }
}
