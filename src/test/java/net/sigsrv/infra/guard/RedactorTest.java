package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    private final Secrets secrets = new Secrets();

    @Test
    void textWithoutSecretsIsLeftAlone() {
        String plain = "sigsrv-p1/web: Creation complete after 1.2s\nkey limits.cpu=4, the token file is ~/t";
        assertThat(Redactor.redact(plain)).isEqualTo(plain);
        assertThat(Redactor.redact("")).isEmpty();
        assertThat(Redactor.redact(null)).isNull();
    }

    @Test
    void aPemPrivateKeyKeepsItsMarkersAndLosesItsBody() {
        assertThat(Redactor.redact("key:\n" + secrets.privateKey + "done"))
                .isEqualTo("key:\n-----BEGIN PRIVATE KEY-----\n[REDACTED]\n-----END PRIVATE KEY-----\ndone");
        assertThat(Redactor.redact("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n"
                + "-----END OPENSSH PRIVATE KEY-----")).isEqualTo("-----BEGIN OPENSSH PRIVATE KEY-----\n[REDACTED]\n"
                + "-----END OPENSSH PRIVATE KEY-----");
        assertThat(Redactor.redact("-----BEGIN EC PRIVATE KEY-----MHcCAQEEIA-----END EC PRIVATE KEY-----"))
                .isEqualTo("-----BEGIN EC PRIVATE KEY-----[REDACTED]-----END EC PRIVATE KEY-----");
    }

    @Test
    void aKeyEscapedInsideAJsonStringIsMasked() {
        String echoed = "POST /1.0/certificates: invalid certificate \"-----BEGIN RSA PRIVATE KEY-----\\nMIIEpAIBAAKC"
                + "\\nAQEAx4==\\n-----END RSA PRIVATE KEY-----\\n\"";
        assertThat(Redactor.redact(echoed)).isEqualTo("POST /1.0/certificates: invalid certificate \"-----BEGIN"
                + " RSA PRIVATE KEY-----\\n[REDACTED]\\n-----END RSA PRIVATE KEY-----\\n\"");
    }

    @Test
    void aTruncatedKeyIsMaskedToTheEnd() {
        assertThat(Redactor.redact("body: -----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTAp…"))
                .isEqualTo("body: -----BEGIN ENCRYPTED PRIVATE KEY-----[REDACTED]");
    }

    @Test
    void certificatesStayButTheirBase64PemIsMasked() {
        String cert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----";
        assertThat(Redactor.redact(cert)).isEqualTo(cert);
        assertThat(Redactor.redact("data LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekND end"))
                .isEqualTo("data [REDACTED] end");
    }

    @Test
    void trustTokensAreMaskedWhereverTheyAppear() {
        String token = secrets.trustToken;
        assertThat(Redactor.redact("lxc remote add lab " + token)).isEqualTo("lxc remote add lab [REDACTED]");
        assertThat(Redactor.redact("POST /1.0/certificates: {\"type\":\"client\",\"password\":\"" + token + "\"}"))
                .isEqualTo("POST /1.0/certificates: {\"type\":\"client\",\"password\":\"[REDACTED]\"}");
        assertThat(Redactor.redact("{\"trust_token\": \"abc\", \"secret\": \"s3cr3t value\", \"name\": \"x\"}"))
                .isEqualTo("{\"trust_token\": \"[REDACTED]\", \"secret\": \"[REDACTED]\", \"name\": \"x\"}");
    }

    @Test
    void kubeconfigFieldsAreMaskedAndTheRestOfTheDocumentStays() {
        String out = Redactor.redact(secrets.kubeconfig);
        assertThat(out).contains("server: https://p1c0.sigsrv.local:6443", "client-certificate-data: [REDACTED]",
                "client-key-data: [REDACTED]", "token: [REDACTED]");
        assertThat(secrets.leakIn(out)).isNull();
    }

    @Test
    void talosconfigKeysAndCertificatesAreMasked() {
        String out = Redactor.redact(secrets.talosconfig);
        assertThat(out).contains("ca: [REDACTED]", "crt: [REDACTED]", "key: [REDACTED]", "- 172.20.1.10");
        assertThat(Redactor.redact("key: " + "QUJDRA".repeat(8))).isEqualTo("key: [REDACTED]");
        assertThat(Redactor.redact("key: limits.cpu")).isEqualTo("key: limits.cpu");
    }

    @Test
    void aKubeconfigInsideAJsonStringIsMasked() {
        String json = "{\"user.kubeconfig\": \"" + secrets.kubeconfig.replace("\n", "\\n") + "\"}";
        String out = Redactor.redact(json);
        assertThat(secrets.leakIn(out)).isNull();
        assertThat(out).contains("client-key-data: [REDACTED]\\n", "token: [REDACTED]\\n");
    }

    @Test
    void bearerTokensAndAuthorizationHeadersAreMasked() {
        assertThat(Redactor.redact("Authorization: Bearer " + secrets.bearerToken))
                .isEqualTo("Authorization: [REDACTED]");
        assertThat(Redactor.redact("curl -H 'X: bearer abcdef123456' https://k")).isEqualTo("curl -H 'X: bearer"
                + " [REDACTED]' https://k");
        assertThat(Redactor.redact("the Bearer scheme")).isEqualTo("the Bearer scheme");
    }

    @Test
    void secretFieldsInEnvQueryAndYamlForm() {
        assertThat(Redactor.redact("DB_PASSWORD=hunter2; next")).isEqualTo("DB_PASSWORD=[REDACTED]; next");
        // a bare value may be several words (YAML); the words after it go too, rather than a part of a secret
        assertThat(Redactor.redact("secret: correct horse battery")).isEqualTo("secret: [REDACTED]");
        assertThat(Redactor.redact("GET /x?token=abc&project=p1")).isEqualTo("GET /x?token=[REDACTED]&project=p1");
        assertThat(Redactor.redact("user.api-key: 'sk-123 456'")).isEqualTo("user.api-key: '[REDACTED]'");
        assertThat(Redactor.redact("password: null")).isEqualTo("password: null");
    }

    @Test
    void aKeyInAFieldNamedLikeAKeyIsMaskedOnce() {
        assertThat(Redactor.redact("user.private-key: -----BEGIN PRIVATE KEY-----")).isEqualTo("user.private-key:"
                + " [REDACTED]");
        assertThat(Redactor.redact("[\"token: abc\"]")).isEqualTo("[\"token: [REDACTED]\"]");
        assertThat(Redactor.redact("[token: abc]")).isEqualTo("[token: [REDACTED]]");
    }

    @Test
    void maskingIsIdempotent() {
        for (String s : new String[] {secrets.kubeconfig, secrets.talosconfig, secrets.privateKey,
            "token: " + secrets.trustToken, "Authorization: Bearer " + secrets.bearerToken}) {
            String once = Redactor.redact(s);
            assertThat(Redactor.redact(once)).isEqualTo(once);
        }
    }

    @Test
    void aBase64EncodedKeyFileIsMasked() {
        String b64 = Base64.getEncoder().encodeToString(secrets.privateKey.getBytes(StandardCharsets.US_ASCII));
        assertThat(Redactor.redact("value=" + b64)).isEqualTo("value=[REDACTED]");
    }

    @Test
    void anyKeyNamedLikeASecretIsMaskedInEveryForm() {
        assertThat(Redactor.redact("environment.PGPASSWORD: hunter2")).isEqualTo("environment.PGPASSWORD: [REDACTED]");
        assertThat(Redactor.redact("AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG next"))
                .isEqualTo("AWS_SECRET_ACCESS_KEY=[REDACTED]");
        assertThat(Redactor.redact("{\"user.api_token\": \"abc\", \"user.db_credentials\": \"u:p\"}"))
                .isEqualTo("{\"user.api_token\": \"[REDACTED]\", \"user.db_credentials\": \"[REDACTED]\"}");
        assertThat(Redactor.redact("X-Auth-Token: abc123")).isEqualTo("X-Auth-Token: [REDACTED]");
        assertThat(Redactor.redact("oauthClientSecret=xyz")).isEqualTo("oauthClientSecret=[REDACTED]");
        assertThat(Redactor.redact("  ~ config.user.api_token = \"old-value\" -> \"new-value\""))
                .isEqualTo("  ~ config.user.api_token = \"[REDACTED]\" -> \"[REDACTED]\"");
    }

    @Test
    void tableRowsWhoseFirstCellIsASecretKeyAreMasked() {
        assertThat(Redactor.redact("KEY                     VALUE\nuser.api_token          hunter2 two\n"
                + "limits.cpu              4")).isEqualTo("KEY                     VALUE\n"
                + "user.api_token          [REDACTED]\nlimits.cpu              4");
        assertThat(Redactor.redact("│ AWS_SECRET_ACCESS_KEY │ wJalrXUtnFEMI │\n│ TOKEN │ EXPIRES │"))
                .isEqualTo("│ AWS_SECRET_ACCESS_KEY │ [REDACTED] │\n│ TOKEN │ EXPIRES │");
    }

    @Test
    void ordinaryConfigAndWordsStayReadable() {
        for (String plain : new String[] {"security.privileged: \"true\"", "user.sigsrv-infra.lab: sigsrv",
            "security.secureboot=false", "   = Known keys: name, description, purpose, vlan.",
            "# at column 0 before a key: belongs to that key", "key: limits.cpu", "secretName: db-credentials",
            "AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "auth_methods: tls", "\"auth\": \"client certificate, pinned\"",
            "instance.sigsrv-p1/keycloak: Creating…", "auth-proxy: running", "bypass: yes", "checks passed: 12",
            "ssh_authorized_keys: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5", "token_file: /etc/infra/token",
            "NAME  ADDRESS  AUTH  DEFINED IN", "yaml-duplicate-key                error    No key appears twice.",
            "  infra apply FILE     Make the lab match the spec in one pass: plan, show, confirm, apply.",
            "vault-token  sigsrv-p1  container  RUNNING"}) {
            assertThat(Redactor.redact(plain)).as(plain).isEqualTo(plain);
        }
    }

    @Test
    void blockScalarsUnderASecretKeyAreMaskedWhole() {
        assertThat(Redactor.redact("config:\n  user.api_token: |\n    line one\n    line two\n  limits.cpu: \"2\""))
                .isEqualTo("config:\n  user.api_token: [REDACTED]\n  limits.cpu: \"2\"");
        assertThat(Redactor.redact("- user.token: >-\n    folded\n\n    more\n  user.note: hi"))
                .isEqualTo("- user.token: [REDACTED]\n  user.note: hi");
        // a value that starts with a newline, as YAML writes it
        assertThat(Redactor.redact("user.token: |2-\n\n    hunter2\nnext: 1")).isEqualTo("user.token: [REDACTED]\nnext: 1");
        assertThat(Redactor.redact("password:\n  nested: hunter2\n  more: x\nother: y"))
                .isEqualTo("password:\n  [REDACTED]\nother: y");
        assertThat(Redactor.redact("password:\nother: y")).isEqualTo("password:\nother: y");
        assertThat(Redactor.redact("user.secret: 'word word word\n  hunter2 word'\nnext: 1"))
                .isEqualTo("user.secret: '[REDACTED]'\nnext: 1");
    }

    @Test
    void kubernetesEnvPairsAreMaskedByTheirName() {
        assertThat(Redactor.redact("env:\n- name: DB_PASSWORD\n  value: hunter2\n- name: DB_HOST\n  value: db"))
                .isEqualTo("env:\n- name: DB_PASSWORD\n  value: [REDACTED]\n- name: DB_HOST\n  value: db");
        assertThat(Redactor.redact("  - name: API_TOKEN\n    valueFrom: x\n    value: |\n      hunter2\n  - name: A"))
                .isEqualTo("  - name: API_TOKEN\n    valueFrom: x\n    value: [REDACTED]\n  - name: A");
        assertThat(Redactor.redact("{\n  \"name\" : \"DB_PASSWORD\",\n  \"value\" : \"hunter2\"\n}"))
                .isEqualTo("{\n  \"name\" : \"DB_PASSWORD\",\n  \"value\" : \"[REDACTED]\"\n}");
        assertThat(Redactor.redact("env: [{\"name\":\"DB_PASSWORD\",\"value\":\"hunter2\"}, {name: A, value: b}]"))
                .isEqualTo("env: [{\"name\":\"DB_PASSWORD\",\"value\":\"[REDACTED]\"}, {name: A, value: b}]");
    }

    @Test
    void base64OfAKubeconfigOrOfAnythingHoldingASecretIsMasked() {
        String kubeconfig = Base64.getEncoder().encodeToString(secrets.kubeconfig.getBytes(StandardCharsets.UTF_8));
        assertThat(Redactor.redact("data: " + kubeconfig + " end")).isEqualTo("data: [REDACTED] end");
        String env = Base64.getEncoder().encodeToString("DB_PASSWORD=hunter2hunter2hunter2\n".repeat(2)
                .getBytes(StandardCharsets.UTF_8));
        assertThat(Redactor.redact("blob " + env)).isEqualTo("blob [REDACTED]");
        String wrapped = Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(secrets.kubeconfig.getBytes(StandardCharsets.UTF_8));
        assertThat(secrets.leakIn(Redactor.redact("before\n" + wrapped + "\nafter"))).isNull();
        assertThat(Redactor.redact("before\n" + wrapped + "\nafter")).startsWith("before\n[REDACTED]").endsWith("\nafter");
        String plain = "fingerprint " + "3f2a9c".repeat(10) + " and " + Base64.getEncoder().encodeToString(
                "just an ordinary sentence that is long enough".getBytes(StandardCharsets.UTF_8));
        assertThat(Redactor.redact(plain)).isEqualTo(plain);
    }

    @Test
    void anArgumentThatIsASecretOnlyAfterTheOnesBeforeItIsMasked() {
        // each argument alone looks harmless; the line they make holds a bearer token (SecretLeakLabTest found it
        // in the audit log's argv of `instance exec web -- echo Authorization: Bearer TOKEN`)
        assertThat(Redactor.redactArgv(List.of("echo", "Authorization:", "Bearer", "sk3e2401555b5e57aa10")))
                .containsExactly("echo", "Authorization:", Redactor.MASK, Redactor.MASK);
        assertThat(Redactor.redactArgv(List.of("echo", "Bearer", "sk3e2401555b5e57aa10")))
                .containsExactly("echo", "Bearer", Redactor.MASK);
        assertThat(Redactor.redactArgv(List.of("curl", "-H", "Authorization: Bearer sk3e2401555b5e57aa10", "x")))
                .doesNotContain("sk3e2401555b5e57aa10").startsWith("curl", "-H");
        assertThat(Redactor.redactArgv(List.of("ls", "-l", "/srv"))).containsExactly("ls", "-l", "/srv");
    }
}
