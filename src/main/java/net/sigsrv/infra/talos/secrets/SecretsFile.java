package net.sigsrv.infra.talos.secrets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import net.sigsrv.infra.talos.secrets.SecretsBundle.CertAndKey;
import net.sigsrv.infra.talos.secrets.SecretsCheck.Problem;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * talosctl's {@code secrets.yaml}: written exactly as {@code talosctl gen secrets} writes it (its field names and
 * order, four-space indentation, certificates and keys as base64 of their PEM, {@code aescbcencryptionsecret} or
 * {@code secretboxencryptionsecret}, whichever is set), so the file also works with
 * {@code talosctl gen config --with-secrets}.
 *
 * <p>Read from the same format, or from the OpenTofu Talos provider's {@code machine_secrets} (its
 * {@code bootstrap_token}, {@code secretbox_encryption_secret}, {@code aescbc_encryption_secret},
 * {@code k8s_aggregator}, {@code k8s_serviceaccount} and {@code cert} spellings, as YAML or as the JSON of
 * {@code tofu output -json}, also under a top-level {@code machine_secrets} key). Scalars are taken as written (no
 * YAML type resolution), so a token that looks like a number stays a string. Reading checks the structure only
 * (present, a string, base64); {@link SecretsCheck} checks the values.
 */
public final class SecretsFile {

    /** A secrets file is small: a larger input is refused before parsing. */
    public static final int MAX_BYTES = 256 * 1024;

    /** What {@link #parse} found: the bundle when the structure was whole, else the problems (never a value). */
    public record Parsed(Optional<SecretsBundle> bundle, List<Problem> problems) {
        public Parsed {
            problems = List.copyOf(problems);
        }
    }

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9+/=._-]+");
    private static final Pattern NUMBER_LIKE =
            Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?0[xo][0-9a-fA-F]+");

    private SecretsFile() {
    }

    /** The file's text for {@code b}, as talosctl writes it. */
    public static String format(SecretsBundle b) {
        StringBuilder s = new StringBuilder(16 * 1024);
        s.append("cluster:\n");
        field(s, 1, "id", b.clusterId());
        field(s, 1, "secret", b.clusterSecret());
        s.append("secrets:\n");
        field(s, 1, "bootstraptoken", b.bootstrapToken());
        if (!b.aescbcEncryptionSecret().isEmpty()) {
            field(s, 1, "aescbcencryptionsecret", b.aescbcEncryptionSecret());
        }
        if (!b.secretboxEncryptionSecret().isEmpty()) {
            field(s, 1, "secretboxencryptionsecret", b.secretboxEncryptionSecret());
        }
        s.append("trustdinfo:\n");
        field(s, 1, "token", b.trustdToken());
        s.append("certs:\n");
        certAndKey(s, "etcd", b.etcd());
        certAndKey(s, "k8s", b.k8s());
        certAndKey(s, "k8saggregator", b.k8sAggregator());
        s.append("    k8sserviceaccount:\n");
        field(s, 2, "key", base64(b.k8sServiceAccountKey()));
        certAndKey(s, "os", b.os());
        return s.toString();
    }

    /** Reads a secrets file's text (talosctl's or the OpenTofu provider's spelling). */
    public static Parsed parse(String text) {
        List<Problem> problems = new ArrayList<>();
        if (text.length() > MAX_BYTES) {
            return new Parsed(Optional.empty(), List.of(new Problem("", "larger than " + MAX_BYTES + " bytes")));
        }
        Optional<Node> root;
        try {
            root = new Compose(LoadSettings.builder().setAllowDuplicateKeys(false).setMaxAliasesForCollections(0)
                    .build()).composeString(text);
        } catch (RuntimeException e) {
            // the parser's message may quote the text (a secret): only its position is told
            return new Parsed(Optional.empty(), List.of(new Problem("", "not valid YAML or JSON"
                    + (e instanceof org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException m
                            && m.getProblemMark().isPresent()
                            ? " (line " + (m.getProblemMark().get().getLine() + 1) + ")" : ""))));
        }
        if (root.isEmpty() || !(root.get() instanceof MappingNode map)) {
            return new Parsed(Optional.empty(), List.of(new Problem("", "not a mapping of cluster, secrets,"
                    + " trustdinfo and certs")));
        }
        MappingNode top = child(map, "machine_secrets").filter(MappingNode.class::isInstance)
                .map(MappingNode.class::cast).orElse(map);
        Reader r = new Reader(top, problems);
        String id = r.text("cluster.id");
        String secret = r.text("cluster.secret");
        String bootstrap = r.text("secrets.bootstraptoken|bootstrap_token");
        String secretbox = r.optionalText("secrets.secretboxencryptionsecret|secretbox_encryption_secret");
        String aescbc = r.optionalText("secrets.aescbcencryptionsecret|aescbc_encryption_secret");
        if (secretbox.isEmpty() && aescbc.isEmpty()) {
            problems.add(new Problem("secrets.secretboxencryptionsecret",
                    "is missing (one of secretboxencryptionsecret and aescbcencryptionsecret is required)"));
        }
        if (!secretbox.isEmpty() && !aescbc.isEmpty()) {
            problems.add(new Problem("secrets", "has both secretboxencryptionsecret and aescbcencryptionsecret;"
                    + " Talos allows only one"));
        }
        String trustd = r.text("trustdinfo.token");
        CertAndKey etcd = r.certAndKey("certs.etcd");
        CertAndKey k8s = r.certAndKey("certs.k8s");
        CertAndKey aggregator = r.certAndKey("certs.k8saggregator|k8s_aggregator");
        String sa = r.pem("certs.k8sserviceaccount|k8s_serviceaccount.key");
        CertAndKey os = r.certAndKey("certs.os");
        if (!problems.isEmpty()) {
            return new Parsed(Optional.empty(), problems);
        }
        return new Parsed(Optional.of(new SecretsBundle(id, secret, bootstrap, secretbox, aescbc, trustd, etcd, k8s,
                aggregator, sa, os)), List.of());
    }

    /** Reads paths such as {@code certs.k8saggregator|k8s_aggregator.crt}: each step may have other spellings. */
    private static final class Reader {
        private final MappingNode root;
        private final List<Problem> problems;

        Reader(MappingNode root, List<Problem> problems) {
            this.root = root;
            this.problems = problems;
        }

        String text(String path) {
            String v = optionalText(path);
            if (v.isEmpty() && problems.stream().noneMatch(p -> p.field().equals(name(path)))) {
                problems.add(new Problem(name(path), "is missing"));
            }
            return v;
        }

        /** The value, or "" when absent, null or empty; a problem when it is not a string. */
        String optionalText(String path) {
            Node node = root;
            for (String step : path.split("\\.")) {
                if (!(node instanceof MappingNode m)) {
                    return "";
                }
                Optional<Node> next = Optional.empty();
                for (String spelling : step.split("\\|")) {
                    next = next.or(() -> child(m, spelling));
                }
                if (next.isEmpty()) {
                    return "";
                }
                node = next.get();
            }
            if (!(node instanceof ScalarNode scalar)) {
                problems.add(new Problem(name(path), "is not a string"));
                return "";
            }
            String v = scalar.getValue().trim();
            return v.equals("null") && scalar.isPlain() || v.equals("~") && scalar.isPlain() ? "" : v;
        }

        CertAndKey certAndKey(String path) {
            String crt = pem(path + ".crt|cert");
            String key = pem(path + ".key");
            return new CertAndKey(crt, key);
        }

        /** A base64 value holding PEM text, decoded; "" with a problem when absent or not base64. */
        String pem(String path) {
            String v = text(path);
            if (v.isEmpty()) {
                return "";
            }
            try {
                return new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                problems.add(new Problem(name(path), "is not base64 (talosctl writes base64 of the PEM text)"));
                return "";
            }
        }

        /** A path's name as talosctl spells it (the first spelling of each step). */
        private static String name(String path) {
            StringBuilder s = new StringBuilder();
            for (String step : path.split("\\.")) {
                s.append(s.isEmpty() ? "" : ".").append(step.split("\\|")[0]);
            }
            return s.toString();
        }
    }

    private static Optional<Node> child(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    private static void certAndKey(StringBuilder s, String name, CertAndKey c) {
        s.append("    ").append(name).append(":\n");
        field(s, 2, "crt", base64(c.crt()));
        field(s, 2, "key", base64(c.key()));
    }

    private static void field(StringBuilder s, int depth, String name, String value) {
        s.append("    ".repeat(depth)).append(name).append(": ").append(scalar(value)).append('\n');
    }

    /** Plain when YAML reads it back as the same string (as Go's encoder decides), else double-quoted. */
    private static String scalar(String v) {
        if (PLAIN.matcher(v).matches() && !NUMBER_LIKE.matcher(v).matches() && !v.startsWith("-")
                && !v.startsWith(".") && !List.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~")
                .contains(v.toLowerCase(java.util.Locale.ROOT))) {
            return v;
        }
        StringBuilder q = new StringBuilder("\"");
        for (char c : v.toCharArray()) {
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                default -> q.append(c);
            }
        }
        return q.append('"').toString();
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.UTF_8));
    }
}
