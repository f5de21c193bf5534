package net.sigsrv.infra.guard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.cli.InfraCommand;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.Lab;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Secrets planted on the real lab (a PEM private key, a trust token, a kubeconfig, a bearer token — in config
 * values and descriptions, in the spec and changed by hand behind its back) and then every command of the catalog,
 * as {@code infra list} shows it, run against the lab: no fragment of a secret may appear on stdout, stderr or in
 * the audit log. Commands are found by walking the picocli tree, so a command added later is run too: with the
 * arguments of {@link #ARGS} when it has an entry, else with arguments guessed from its parameter labels.
 */
@Tag("lab")
class SecretLeakLabTest {

    /**
     * Arguments per command (its name without {@code infra}); placeholders in braces. Commands run in this table's
     * order, then those it does not know (arguments guessed), then those whose last word is in {@link #LAST}:
     * they take away what the others look at. A command with {@code --project} gets {@code --project {project}}
     * when its arguments name no project.
     */
    private static final Map<String, List<String>> ARGS = new LinkedHashMap<>();
    /** Commands that cannot run here, and why. */
    private static final Map<String, String> SKIPPED = Map.of(
            "sim serve", "serves in the foreground until Ctrl-C",
            "project switch", "writes the user's own default-project file (~/.config/sigsrv-infra/projects)");
    private static final List<String> LAST = List.of("forget", "adopt", "apply", "unlock", "detach", "delete",
            "destroy");

    static {
        ARGS.put("", List.of("", "--version"));
        ARGS.put("validate", List.of("{spec}", "-o json {spec}", "--strict {spec}"));
        ARGS.put("fmt", List.of("--check {spec}", "{copy}"));
        ARGS.put("rules", List.of("", "privileged-without-reason", "-o json"));
        ARGS.put("schema", List.of(""));
        ARGS.put("plan", List.of("--remote lab {spec}", "--remote lab -o json {spec}",
                "--remote lab -out {planfile} {spec}", "--sim --sim-dir {simdir} {spec}"));
        ARGS.put("show", List.of("{planfile}", "-o json {planfile}"));
        ARGS.put("hosts", List.of("--remote lab", "--remote lab -o json", "--remote lab -o yaml"));
        ARGS.put("instances", List.of("--remote lab --project {project}", "--remote lab --all-projects -o json",
                "--remote lab --project {project} -o yaml"));
        ARGS.put("remote list", List.of("", "-o json"));
        ARGS.put("remote add", List.of("leak https://127.0.0.1:1 --token {token}"));
        ARGS.put("sim reset", List.of("--sim-dir {simdir}"));
        ARGS.put("sim fault", List.of("--sim-dir {simdir} list"));
        ARGS.put("list", List.of("", "-o json"));
        ARGS.put("completion", List.of("bash"));
        ARGS.put("project list", List.of("--remote lab", "--remote lab -o json", "--remote lab -o yaml"));
        ARGS.put("project create", List.of("--remote lab {lab}-q --description {token} -c user.secret={bearer}"));
        ARGS.put("project set", List.of("--remote lab {lab}-q user.key {key}"));
        ARGS.put("project show", List.of("--remote lab {project}", "--remote lab -o json {project}",
                "--remote lab -o yaml {lab}-q"));
        ARGS.put("instance list", List.of("--remote lab", "--remote lab -o json", "--remote lab --all-projects -o yaml"));
        ARGS.put("instance show", List.of("--remote lab web", "--remote lab -o json web", "--remote lab -o yaml web"));
        ARGS.put("instance launch", List.of("--remote lab {image} {lab}w --target " + Lab.second()
                + " -c user.token={bearer}"));
        ARGS.put("instance start", List.of("--remote lab {lab}w"));
        ARGS.put("instance restart", List.of("--remote lab {lab}w"));
        ARGS.put("instance stop", List.of("--remote lab {lab}w --force"));
        ARGS.put("instance exec", List.of("--remote lab web -- echo Authorization: Bearer {bearer}",
                "--remote lab web -- false"));
        ARGS.put("instance config set", List.of("--remote lab web user.token {bearer}",
                "--remote lab web user.kubeconfig {kubeconfig}"));
        ARGS.put("instance file push", List.of("--remote lab {keyfile} web/root/key.pem"));
        ARGS.put("instance file pull", List.of("--remote lab web/root/key.pem {dir}/pulled.pem"));
        ARGS.put("instance export", List.of("--remote lab --instance-only web {dir}/web.tar.gz"));
        ARGS.put("instance import", List.of("--remote lab {dir}/web.tar.gz --name {lab}i"));
        ARGS.put("instance snapshot list", List.of("--remote lab web", "--remote lab -o json web"));
        ARGS.put("instance snapshot schedule", List.of("--remote lab --spec {spec}"));
        ARGS.put("storage list", List.of("--remote lab", "--remote lab -o json"));
        ARGS.put("storage info", List.of("--remote lab {lab}-pool", "--remote lab -o yaml {lab}-pool"));
        ARGS.put("storage volume create", List.of("--remote lab {lab}-pool vol1 --size 16MiB --target " + Lab.first()));
        ARGS.put("storage volume list", List.of("--remote lab {lab}-pool", "--remote lab -o json"));
        ARGS.put("storage volume attach", List.of("--remote lab {lab}-pool vol1 web /mnt/vol1"));
        ARGS.put("storage volume snapshot create", List.of("--remote lab {lab}-pool vol1 s1"));
        ARGS.put("storage volume snapshot list", List.of("--remote lab {lab}-pool vol1",
                "--remote lab -o json {lab}-pool vol1"));
        ARGS.put("storage volume copy", List.of("--remote lab {lab}-pool/vol1/s1 {lab}-pool/vol2"));
        ARGS.put("network list", List.of("--remote lab", "--remote lab -o json"));
        ARGS.put("network show", List.of("--remote lab {lab}n"));
        ARGS.put("network set", List.of("--remote lab {lab}n user.token {bearer}"));
        ARGS.put("network zone list", List.of("--remote lab", "--remote lab -o json"));
        ARGS.put("network zone record list", List.of("--remote lab {lab}.zone"));
        ARGS.put("network zone record create", List.of("--remote lab {lab}.zone www 10.235.9.9"));
        ARGS.put("network acl list", List.of("--remote lab", "--remote lab -o json"));
        ARGS.put("network acl show", List.of("--remote lab {lab}a"));
        ARGS.put("network acl rule add", List.of("--remote lab {lab}a ingress action=allow description={bearer}"));
        ARGS.put("network acl attach", List.of("--remote lab {lab}a {lab}n"));
        ARGS.put("audit", List.of("", "-o json --since 1h", "-o yaml --object /1.0/instances"));
        ARGS.put("forget", List.of("--remote lab {spec} instance.{project}/web"));
        ARGS.put("adopt", List.of("--remote lab {spec}"));
        ARGS.put("apply", List.of("--remote lab --auto-approve {planfile}", "--remote lab --auto-approve {spec}",
                "--sim --sim-dir {simdir} --auto-approve {spec}"));
        ARGS.put("unlock", List.of("--remote lab {spec}"));
        ARGS.put("network zone record delete", List.of("--remote lab {lab}.zone www"));
        ARGS.put("storage volume snapshot delete", List.of("--remote lab {lab}-pool vol1 s1"));
        ARGS.put("storage volume detach", List.of("--remote lab {lab}-pool vol1 web"));
        ARGS.put("storage volume delete", List.of("--remote lab {lab}-pool vol2", "--remote lab {lab}-pool vol1"));
        ARGS.put("instance delete", List.of("--remote lab --force {lab}w", "--remote lab --force {lab}i"));
        ARGS.put("project delete", List.of("--remote lab {lab}-q"));
        ARGS.put("destroy", List.of("--remote lab --auto-approve {spec}"));
    }

    @TempDir
    Path dir;

    private final Secrets secrets = new Secrets();

    @Test
    void noCommandOfTheCatalogShowsASecret() throws Exception {
        Lab.awaitHealthy();
        String lab = "tleak" + Lab.token();
        Map<String, String> values = new LinkedHashMap<>();
        values.put("{project}", lab + "-p");
        values.put("{spec}", Files.writeString(dir.resolve("lab.yaml"), spec(lab, true)).toString());
        values.put("{copy}", Files.writeString(dir.resolve("copy.yaml"), spec(lab, true)).toString());
        values.put("{planfile}", dir.resolve("lab.plan").toString());
        values.put("{simdir}", dir.resolve("sim").toString());
        values.put("{audit}", dir.resolve("audit.jsonl").toString());
        values.put("{token}", secrets.trustToken);
        values.put("{bearer}", secrets.bearerToken);
        values.put("{key}", secrets.privateKey);
        values.put("{kubeconfig}", secrets.kubeconfig);
        values.put("{keyfile}", Files.writeString(dir.resolve("key.pem"), secrets.privateKey).toString());
        values.put("{image}", Lab.imageAlias());
        values.put("{dir}", dir.toString());
        values.put("{lab}", lab);
        Path empty = Files.writeString(dir.resolve("empty.yaml"), spec(lab, false));
        List<String> ran = new ArrayList<>();
        List<String> leaks = new ArrayList<>();
        try {
            run(leaks, ran, values, "apply --remote lab --auto-approve {spec}");
            plantBehindTheSpecsBack(lab + "-p");
            Map<String, CommandSpec> catalog = catalog();
            List<String> order = new ArrayList<>(ARGS.keySet().stream().filter(catalog::containsKey)
                    .filter(n -> !isLast(n)).toList());
            catalog.keySet().stream().filter(n -> !ARGS.containsKey(n) && !isLast(n)).forEach(order::add);
            catalog.keySet().stream().filter(n -> !ARGS.containsKey(n) && isLast(n)).forEach(order::add);
            ARGS.keySet().stream().filter(catalog::containsKey).filter(SecretLeakLabTest::isLast)
                    .forEach(order::add);
            for (String name : order) {
                if (SKIPPED.containsKey(name)) {
                    continue;
                }
                run(leaks, ran, values, (name + " --help").strip());
                for (String args : ARGS.getOrDefault(name, guess(catalog.get(name)))) {
                    args = withProject(catalog.get(name), args);
                    if (name.equals("apply") && args.contains("{planfile}")) {
                        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                                Path.of(values.get("{planfile}"))))).as("a saved plan holds lab values")
                                .isEqualTo("rw-------");
                        plantBehindTheSpecsBack(lab + "-p");
                    }
                    run(leaks, ran, values, (name + " " + args).strip());
                }
            }
        } finally {
            removeLeftovers(lab);
            Cli.Result down = Cli.run("apply", "--remote", "lab", "--auto-approve", empty.toString());
            assertThat(down.exitCode()).as(down.all()).isZero();
        }
        String audit = Files.readString(Path.of(values.get("{audit}")));
        assertThat(audit).as("the mutating commands were audited").contains("\"action\":\"PUT\"", "\"action\":\"DELETE\"");
        assertThat(secrets.leakIn(audit)).as("the audit log holds a secret").isNull();
        assertThat(leaks).as("commands that showed a secret (ran %d: %s; skipped: %s)", ran.size(), ran, SKIPPED)
                .isEmpty();
        assertThat(ran).as("every command ran").hasSizeGreaterThan(40);
    }

    private void run(List<String> leaks, List<String> ran, Map<String, String> values, String line) {
        // every command writes to this test's audit log, which is checked at the end
        List<String> args = new ArrayList<>(List.of("--audit-log", values.get("{audit}")));
        for (String word : line.split(" ")) {
            for (Map.Entry<String, String> v : values.entrySet()) {
                word = word.replace(v.getKey(), v.getValue());
            }
            if (!word.isEmpty()) {
                args.add(word);
            }
        }
        Cli.Result r = Cli.run(args.toArray(String[]::new));
        ran.add(line + " → " + r.exitCode());
        String leak = secrets.leakIn(r.all());
        if (leak != null) {
            leaks.add("infra " + line + " showed '" + leak + "' in:\n" + r.all());
        }
    }

    private static boolean isLast(String name) {
        return LAST.contains(name.substring(name.lastIndexOf(' ') + 1));
    }

    /** {@code args} with {@code --project {project}} added when the command has the option and none is given. */
    private static String withProject(CommandSpec c, String args) {
        boolean has = c.options().stream().anyMatch(o -> List.of(o.names()).contains("--project"));
        return has && !args.contains("--project") && !args.contains("--all-projects")
                ? "--project {project} " + args : args;
    }

    /** What the commands made beside the spec: instances and volumes of the test's project and pool, its 2nd project. */
    private static void removeLeftovers(String lab) {
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            String project = lab + "-p";
            for (String p : List.of(project, lab + "-q")) {
                try {
                    for (var i : client.instances().list(p)) {
                        if (!i.name().equals("web")) {
                            try {
                                client.instances().setState(p, i.name(), "stop", true);
                            } catch (net.sigsrv.infra.incus.IncusException stopped) {
                                // not running
                            }
                            client.instances().delete(p, i.name());
                        }
                    }
                    for (var v : client.storage().volumes(p, lab + "-pool")) {
                        if ("custom".equals(v.type())) {
                            client.storage().deleteVolume(p, lab + "-pool", v.name(), v.location());
                        }
                    }
                } catch (net.sigsrv.infra.incus.IncusException gone) {
                    // the project or pool is not there
                }
            }
            try {
                client.projects().delete(lab + "-q");
            } catch (net.sigsrv.infra.incus.IncusException gone) {
                // not made, or deleted by the test
            }
        }
    }

    /** Every command {@code infra list} shows, by its name without {@code infra}, in tree order. */
    private static Map<String, CommandSpec> catalog() {
        Map<String, CommandSpec> out = new LinkedHashMap<>();
        CommandLine root = InfraCommand.tree();
        out.put("", root.getCommandSpec());
        collect(root, out);
        return out;
    }

    private static void collect(CommandLine parent, Map<String, CommandSpec> out) {
        for (CommandLine sub : new LinkedHashSet<>(parent.getSubcommands().values())) {
            out.put(sub.getCommandSpec().qualifiedName().substring("infra ".length()), sub.getCommandSpec());
            collect(sub, out);
        }
    }

    /**
     * Arguments for a command the table does not know (one added later): each positional parameter from its
     * label, {@code --remote lab}, {@code --project} when it has one, and each output format it offers.
     */
    private static List<String> guess(CommandSpec c) {
        StringBuilder base = new StringBuilder("--remote lab");
        Set<String> options = new LinkedHashSet<>();
        for (OptionSpec o : c.options()) {
            options.addAll(List.of(o.names()));
        }
        if (options.contains("--project")) {
            base.append(" --project {project}");
        }
        for (PositionalParamSpec p : c.positionalParameters()) {
            String label = p.paramLabel().toUpperCase();
            base.append(' ').append(label.contains("FILE") || label.contains("SPEC") ? "{spec}"
                    : label.contains("PROJECT") ? "{project}" : label.contains("POOL") ? "default"
                    : label.contains("MEMBER") || label.contains("HOST") ? Lab.first() : label.contains("TOKEN")
                    ? "{token}" : "web");
        }
        List<String> out = new ArrayList<>(List.of(base.toString()));
        if (options.contains("--output")) {
            out.add(base + " --output json");
            out.add(base + " --output yaml");
        }
        return out;
    }

    /** Changes made by hand on the lab: secrets in config and descriptions the spec does not have. */
    private void plantBehindTheSpecsBack(String project) {
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            client.call("PATCH", ApiPath.of("/1.0/instances", "web").project(project), Map.of(
                    "description", "join with " + secrets.trustToken,
                    "config", Map.of("user.private-key", secrets.privateKey, "user.talosconfig",
                            secrets.talosconfig, "user.note", "Authorization: Bearer " + secrets.bearerToken)),
                    null, java.time.Duration.ofMinutes(1));
            JsonNode p = client.get(ApiPath.of("/1.0/projects", project), new TypeReference<JsonNode>() { });
            Map<String, Object> config = new LinkedHashMap<>();
            p.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            config.put("user.kubeconfig", secrets.kubeconfig);
            client.call("PUT", ApiPath.of("/1.0/projects", project), Map.of("description",
                    secrets.privateKey, "config", config), null, java.time.Duration.ofMinutes(1));
        }
    }

    /** The spec of the test lab; with {@code body}, a project holding a container with secrets in its config. */
    private String spec(String lab, boolean body) {
        String head = """
                version: 1
                lab: %s
                description: A lab made by the secret-leak test (removed when the test ends)
                hosts:
                  - name: %4$s
                    description: First member
                    address: %s
                  - name: %5$s
                    description: Second member
                    address: %s
                """.formatted(lab, Lab.url(Lab.first()), Lab.url(Lab.second()), Lab.first(), Lab.second());
        if (!body) {
            return head;
        }
        return head + """
                storage:
                  - name: %s-pool
                    description: Directory pool of the secret-leak test
                    purpose: fast
                    driver: dir
                projects:
                  - name: %s-p
                    description: Project of the secret-leak test
                    features:
                      images: false
                    limits:
                      instances: 4
                    default-profile:
                      root:
                        pool: %s-pool
                        size: 1GiB
                    instances:
                      - name: web
                        description: Container with secrets in its config
                        image: busybox
                        target: %7$s
                        config:
                          user.kubeconfig: |
                %s
                          user.bearer: "Authorization: Bearer %s"
                          user.join: %s
                """.formatted(lab, lab, lab, secrets.kubeconfig.indent(12).stripTrailing(), secrets.bearerToken,
                secrets.trustToken, Lab.first());
    }
}
