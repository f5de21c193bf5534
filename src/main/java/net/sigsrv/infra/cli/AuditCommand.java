package net.sigsrv.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.sigsrv.infra.guard.AuditQuery;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Category("Lab")
@Command(name = "audit",
        mixinStandardHelpOptions = true,
        header = "Show the audit log: every change infra made, who made it, and how it ended.",
        description = {"Every call that changes the lab (apply and destroy steps, operations, fixes) appends one"
                + " JSON line to the audit log: time, actor (local user and client certificate fingerprint),"
                + " remote, member, project, action, object (and the name a POST creates), the keys it changes"
                + " (names only) or the command an exec runs, result, duration. Reads (plan, hosts, instances)"
                + " write nothing. Secrets are masked before a line is written. A change whose line cannot be"
                + " written is not made: the command fails.",
            "",
            "The log is ~/.local/state/sigsrv-infra/audit.jsonl ($XDG_STATE_HOME respected), or INFRA_AUDIT_LOG,"
                + " or --audit-log FILE.",
            "",
            "Examples:",
            "  infra audit --since 1h                   changes of the last hour",
            "  infra audit --since 2026-11-25 --object /1.0/instances/web",
            "  infra audit --since 30m --output json    the entries as a JSON array"})
final class AuditCommand implements Callable<Integer> {

    @Option(names = "--since", paramLabel = "DURATION|TIME",
            description = "Only entries from this long ago (90s, 30m, 2h, 1d, 1w, 1h30m) or since this time"
                    + " (2026-11-25T20:00:00Z, 2026-11-25T20:00 local, 2026-11-25).")
    String since;

    @Option(names = "--object", paramLabel = "TEXT",
            description = "Only entries whose object path contains TEXT (e.g. an instance name).")
    String object = "";

    @Mixin
    OutputOption output;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        Optional<Instant> from;
        try {
            from = since == null ? Optional.empty()
                    : Optional.of(AuditQuery.since(since, Instant.now(), ZoneId.systemDefault()));
        } catch (IllegalArgumentException e) {
            throw InfraException.invalidInput(e.getMessage());
        }
        Path file = Audit.file(command);
        AuditQuery.Entries found = new AuditQuery(from, object).read(file);
        output.print(found.entries(), out -> {
            Table table = new Table("TIME", "ACTOR", "REMOTE", "MEMBER", "PROJECT", "ACTION", "OBJECT", "RESULT",
                    "DURATION", "CHANGED");
            for (JsonNode e : found.entries()) {
                String fingerprint = e.path("actor").path("fingerprint").asText("");
                table.row(e.path("time").asText(""), e.path("actor").path("user").asText("")
                        + (fingerprint.isEmpty() ? "" : " (" + fingerprint.substring(0, Math.min(12,
                        fingerprint.length())) + ")"), e.path("remote").asText(""), text(e, "member"),
                        e.path("project").asText(""), e.path("action").asText(""), e.path("object").asText("")
                        + (e.path("name").isTextual() ? " (" + e.path("name").asText() + ")" : ""),
                        e.path("result").asText("") + (e.has("error") ? ": " + e.path("error").asText() : ""),
                        e.path("duration_ms").asLong() + "ms", changed(e));
            }
            if (found.entries().isEmpty()) {
                out.println("No audit entries" + (since == null ? "" : " since " + since)
                        + (object.isEmpty() ? "" : " for objects containing '" + object + "'") + " in " + file
                        + ".");
            } else {
                table.print(out);
            }
        });
        if (found.unreadable() > 0) {
            command.commandLine().getErr().println("infra: warning: skipped " + found.unreadable()
                    + " unreadable line(s) in " + file);
        }
        return ExitCode.OK.code();
    }

    /** The keys a line says were changed, or the command an exec ran. */
    private static String changed(JsonNode e) {
        java.util.List<String> out = new java.util.ArrayList<>();
        e.path(e.has("argv") ? "argv" : "keys").forEach(k -> out.add(k.asText()));
        return e.has("argv") ? "exec: " + String.join(" ", out) : String.join(", ", out);
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.path(field);
        return v.isNull() || v.isMissingNode() ? "" : v.asText();
    }
}
