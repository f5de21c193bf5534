package net.sigsrv.infra.talos.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.diag.Diagnostic;
import net.sigsrv.infra.spec.yaml.YamlFile;
import net.sigsrv.infra.spec.yaml.YamlValues;

/**
 * Reads the fields config generation needs from a secrets file in {@code talosctl gen secrets}'s format
 * ({@code cluster.id/secret}, {@code secrets.bootstraptoken/secretboxencryptionsecret}, {@code trustdinfo.token},
 * {@code certs.{os,etcd,k8s,k8saggregator}.{crt,key}}, {@code certs.k8sserviceaccount.key}, PEM base64-encoded);
 * other fields are ignored. Problems name the field, never its value.
 */
public final class SecretsFile {

    /** The secrets, or every problem found. */
    public record Parsed(Optional<ClusterSecrets> secrets, List<String> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }

        @Override
        public String toString() {
            return "Parsed[" + (secrets.isPresent() ? "secrets" : problems.size() + " problems") + "]";
        }
    }

    private final Map<?, ?> root;
    private final List<String> problems = new ArrayList<>();

    private SecretsFile(Map<?, ?> root) {
        this.root = root;
    }

    public static Parsed read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return failed(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
        }
        YamlFile.Read read = YamlFile.parse(bytes, file.toString(), false);
        Optional<Diagnostic> error = read.diagnostics().sorted().stream().filter(Diagnostic::isError).findFirst();
        if (error.isPresent()) {
            return failed(file + ": not valid YAML (" + error.get().rule() + " at line " + error.get().pos().line()
                    + ", column " + error.get().pos().column() + ")");
        }
        if (read.root().isEmpty() || !(YamlValues.of(read.root().get()) instanceof Map<?, ?> root)) {
            return failed(file + ": not a talosctl secrets file (it holds no map)");
        }
        return new SecretsFile(root).parse(file);
    }

    private Parsed parse(Path file) {
        String osCrt = pem("certs", "os", "crt");
        String osKey = pem("certs", "os", "key");
        String etcdCrt = pem("certs", "etcd", "crt");
        String etcdKey = pem("certs", "etcd", "key");
        String k8sCrt = pem("certs", "k8s", "crt");
        String k8sKey = pem("certs", "k8s", "key");
        String aggCrt = pem("certs", "k8saggregator", "crt");
        String aggKey = pem("certs", "k8saggregator", "key");
        String saKey = pem("certs", "k8sserviceaccount", "key");
        String trustd = text("trustdinfo", "token");
        String bootstrap = text("secrets", "bootstraptoken");
        String id = text("cluster", "id");
        String secret = text("cluster", "secret");
        String secretbox = text("secrets", "secretboxencryptionsecret");
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), problems.stream().map(p -> file + ": " + p).toList());
        }
        try {
            return new Parsed(Optional.of(new ClusterSecrets(osCrt, osKey, etcdCrt, etcdKey, k8sCrt, k8sKey, aggCrt,
                    aggKey, saKey, trustd, bootstrap, id, secret, secretbox)), List.of());
        } catch (IllegalArgumentException e) {
            return failed(file + ": " + e.getMessage());
        }
    }

    private String text(String... path) {
        Object at = root;
        for (String key : path) {
            at = at instanceof Map<?, ?> m ? m.get(key) : null;
        }
        if (!(at instanceof String s) || s.isBlank()) {
            problems.add(String.join(".", path) + (at == null ? " is missing" : " is not a non-empty text"));
            return "";
        }
        return s;
    }

    private String pem(String... path) {
        String encoded = text(path);
        if (encoded.isEmpty()) {
            return "";
        }
        try {
            String pem = new String(Base64.getMimeDecoder().decode(encoded), StandardCharsets.UTF_8);
            if (!pem.contains("-----BEGIN ")) {
                problems.add(String.join(".", path) + " is not base64 of a PEM block");
            }
            return pem;
        } catch (IllegalArgumentException e) {
            problems.add(String.join(".", path) + " is not base64");
            return "";
        }
    }

    private static Parsed failed(String problem) {
        return new Parsed(Optional.empty(), List.of(problem));
    }
}
