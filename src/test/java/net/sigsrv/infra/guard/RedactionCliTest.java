package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import net.sigsrv.infra.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The redaction layer as a user meets it, without the lab: commands run in-process against the embedded simulator
 * with secrets in the spec's config values print them masked, and the audit log of the changes holds none.
 */
class RedactionCliTest {

    @TempDir
    Path dir;

    private final Secrets secrets = new Secrets();

    /** The embedded simulator saves its state in the background: stopped before the directory goes. */
    @AfterEach
    void stopTheSimulator() throws Exception {
        if (java.nio.file.Files.isDirectory(dir.resolve("sim"))) {
            net.sigsrv.infra.sim.Sim.stopEmbedded(dir.resolve("sim"));
        }
    }


    @Test
    void planApplyAndTheAuditLogShowNoSecret() throws Exception {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: redact
                hosts:
                  - name: sigsrv
                    address: https://sigsrv.local:8443
                  - name: minisrv
                    address: https://minisrv.local:8443
                storage:
                  - name: fast
                    driver: dir
                instances:
                  - name: web
                    image: images:debian/12
                    target: minisrv
                    root: {pool: fast, size: 1GiB}
                    config:
                      user.key: |
                %s
                      user.join: %s
                      user.note: "Authorization: Bearer %s"
                """.formatted(secrets.privateKey.indent(10).stripTrailing(), secrets.trustToken,
                secrets.bearerToken));
        String sim = dir.resolve("sim").toString();
        String audit = dir.resolve("audit.jsonl").toString();
        Cli.Result plan = Cli.run("plan", "--sim", "--sim-dir", sim, spec.toString());
        assertThat(plan.exitCode()).as(plan.all()).isZero();
        assertThat(plan.out()).contains("config.user.join", "[REDACTED]");
        Cli.Result apply = Cli.run("apply", "--sim", "--sim-dir", sim, "--audit-log", audit, "--auto-approve",
                spec.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        Cli.Result json = Cli.run("plan", "--sim", "--sim-dir", sim, "-o", "json", spec.toString());
        for (Cli.Result r : new Cli.Result[] {plan, apply, json}) {
            assertThat(secrets.leakIn(r.all())).as(r.all()).isNull();
        }
        assertThat(Files.readString(Path.of(audit))).contains("\"/1.0/instances\"");
        assertThat(secrets.leakIn(Files.readString(Path.of(audit)))).isNull();
    }

    @Test
    void logRecordsAreMaskedByTheRedactingFormatter() {
        LogRecord record = new LogRecord(Level.WARNING, "refused: {0}");
        record.setParameters(new Object[] {"Authorization: Bearer " + secrets.bearerToken});
        String line = Redaction.redacting(new SimpleFormatter()).format(record);
        assertThat(line).contains("refused: Authorization: [REDACTED]");
        assertThat(secrets.leakIn(line)).isNull();
    }

    @Test
    void helpTextsPrintAsWritten() {
        Cli.Result help = Cli.run("remote", "add", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("[--token=TOKEN]", "--token=TOKEN       The trust token, or '-' to read it from"
                + " stdin.").doesNotContain(Redactor.MASK);
        Cli.Result withToken = Cli.run("remote", "add", "lab", "--token=" + secrets.trustToken, "--help");
        assertThat(withToken.out()).contains("[--token=TOKEN]");
        assertThat(secrets.leakIn(withToken.all())).isNull();
    }

    @Test
    void aTokenTypedInTheWrongPlaceIsNeverEchoed() {
        String token = "hunter2hunter2hunter2";
        Cli.Result typo = Cli.run("remote", "add", "lab", "https://127.0.0.1:1", "--tokn=" + token);
        assertThat(typo.exitCode()).isEqualTo(2);
        assertThat(typo.err()).startsWith("infra: Unknown option: '--tokn=…'\nPossible solutions: --token");
        Cli.Result extra = Cli.run("remote", "add", "lab", "https://127.0.0.1:1", token);
        assertThat(extra.err()).startsWith("infra: 1 unexpected argument (not shown: an argument may be a secret)");
        for (Cli.Result r : new Cli.Result[] {typo, extra}) {
            assertThat(r.all()).doesNotContain(token);
        }
    }

    @Test
    void multiLineSecretValuesNeverShowInInstanceShowOrConfigSet() throws Exception {
        Path spec = Files.writeString(dir.resolve("lab.yaml"), """
                lab: redact
                hosts:
                  - name: sigsrv
                    address: https://sigsrv.local:8443
                storage:
                  - name: fast
                    driver: dir
                instances:
                  - name: web
                    image: images:debian/12
                    root: {pool: fast, size: 1GiB}
                    config:
                      user.api_token: "\\nhunter2-first-line\\nhunter2-second-line"
                      environment.PGPASSWORD: "hunter2-pg-one\\n  hunter2-pg-two"
                """);
        Path sim = dir.resolve("sim");
        String audit = dir.resolve("audit.jsonl").toString();
        Cli.Result apply = Cli.sim(sim, "apply", "--audit-log", audit, "--auto-approve", spec.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        Cli.Result show = Cli.sim(sim, "instance", "show", "web");
        assertThat(show.exitCode()).as(show.all()).isZero();
        Cli.Result set = Cli.sim(sim, "instance", "config", "set", "web", "user.db_password",
                "\nhunter2-set-one\nhunter2-set-two", "--audit-log", audit);
        assertThat(set.exitCode()).as(set.all()).isZero();
        Cli.Result again = Cli.sim(sim, "instance", "show", "web");
        for (Cli.Result r : new Cli.Result[] {apply, show, set, again}) {
            assertThat(r.all()).doesNotContain("hunter2");
        }
        assertThat(again.out()).contains("  user.api_token: [REDACTED]", "  user.db_password: [REDACTED]\n  user.sigsrv",
                "  image.os: images:debian/12", "devices:").doesNotContain("user.sigsrv-infra.lab: [REDACTED]");
    }
}
