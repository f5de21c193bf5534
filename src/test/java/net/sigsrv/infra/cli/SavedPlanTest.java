package net.sigsrv.infra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Consumer;
import net.sigsrv.infra.Cli;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.sim.Sim;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A saved plan is a record of what was approved, never an authority: {@code apply PLANFILE} applies it only while
 * its spec is unchanged and a plan made now against the lab has exactly its changes, and the file carries this
 * user's seal. Each edit an adversary could make is refused with what differs (exit 2), and the simulated lab is
 * left as it was — a plan of the applied spec still says "No changes."
 */
class SavedPlanTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @TempDir
    Path dir;

    private String previousConfig;

    @BeforeEach
    void ownConfigDirectory() throws IOException {
        previousConfig = System.getProperty("sigsrv.infra.config");
        System.setProperty("sigsrv.infra.config", dir.resolve("config").toString());
        assertThat(sim("apply", "--auto-approve", spec("base.yaml", "", "images:debian/12", "")).exitCode())
                .isZero();
    }

    @AfterEach
    void restore() throws IOException {
        if (previousConfig == null) {
            System.clearProperty("sigsrv.infra.config");
        } else {
            System.setProperty("sigsrv.infra.config", previousConfig);
        }
        Sim.stopEmbedded(dir.resolve("state"));
    }

    private Cli.Result sim(String... args) {
        return Cli.sim(dir.resolve("state"), args);
    }

    /** The lab: web, and db with {@code protect: true}, on pool fast; {@code extra} adds instances. */
    private String spec(String file, String webDescription, String dbImage, String extra) throws IOException {
        Path spec = dir.resolve(file);
        Files.writeString(spec, """
                lab: saved
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
                    target: sigsrv
                    root: {pool: fast, size: 1GiB}
                %s  - name: db
                    image: %s
                    target: sigsrv
                    protect: true
                    root: {pool: fast, size: 1GiB}
                %s""".formatted(webDescription.isEmpty() ? "" : "    description: " + webDescription + "\n",
                dbImage, extra));
        return spec.toString();
    }

    private static String instance(String name, String more) {
        return """
                  - name: %s
                    image: images:debian/12
                    target: minisrv
                    root: {pool: fast, size: 1GiB}
                %s""".formatted(name, more);
    }

    /** The next version: web's description changes, instance app is added. */
    private String next(String file, String appMore) throws IOException {
        return spec(file, "Web v2", "images:debian/12", instance("app", appMore));
    }

    private Path save(String name, String spec) {
        Path plan = dir.resolve(name);
        Cli.Result r = sim("plan", "-out", plan.toString(), spec);
        assertThat(r.exitCode()).as(r.all()).isZero();
        return plan;
    }

    private static ObjectNode read(Path plan) throws IOException {
        return (ObjectNode) JSON.readTree(plan.toFile());
    }

    private static void write(Path plan, JsonNode tree) throws IOException {
        Files.writeString(plan, JSON.writeValueAsString(tree), StandardCharsets.UTF_8);
    }

    private static ObjectNode change(ObjectNode plan, String address) {
        for (JsonNode c : plan.get("changes")) {
            if (c.get("address").asText().equals(address)) {
                return (ObjectNode) c;
            }
        }
        throw new AssertionError("no change " + address + " in " + plan);
    }

    private static void edit(Path plan, Consumer<ObjectNode> edit) throws IOException {
        ObjectNode tree = read(plan);
        edit.accept(tree);
        write(plan, tree);
    }

    /** Apply refuses with exit 2, names what differs, and the lab is as the base spec left it. */
    private void refused(Path plan, String... messages) {
        Cli.Result r = sim("apply", plan.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains(messages).contains("nothing was");
        assertThat(r.out()).doesNotContain("Apply complete");
        Cli.Result unchanged = sim("plan", dir.resolve("base.yaml").toString());
        assertThat(unchanged.out()).as(unchanged.all()).contains("No changes.");
    }

    @Test
    void anUntouchedSavedPlanAppliesAndStaysPrivate() throws IOException {
        String next = next("next.yaml", "");
        Path plan = save("next.plan", next);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(plan))).isEqualTo("rw-------");
        Path key = dir.resolve("config/plan-seal");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(Files.readString(plan)).doesNotContain(Files.readString(key).strip());
        Cli.Result apply = sim("apply", plan.toString());
        assertThat(apply.exitCode()).as(apply.all()).isZero();
        assertThat(apply.out()).contains("Apply complete! Resources: 1 added, 1 changed, 0 destroyed.");
        assertThat(sim("plan", next).out()).contains("No changes.");
    }

    @Test
    void aChangeTurnedPrivilegedIsRefused() throws IOException {
        Path good = save("next.plan", next("next.yaml", ""));
        Path evil = save("evil.plan", next("evil.yaml", "    privileged: true\n    reason: tampering\n"));
        // the privileged app, with the fingerprint the file would have (the same objects are planned)
        ObjectNode tree = read(good);
        ArrayNode changes = (ArrayNode) tree.get("changes");
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).get("address").asText().equals("instance.default/app")) {
                changes.set(i, change(read(evil), "instance.default/app"));
            }
        }
        tree.set("observed_fingerprint", read(evil).get("observed_fingerprint"));
        write(good, tree);
        refused(good, "instance.default/app: after config.security.privileged = \"true\" in the file, but absent now");
    }

    @Test
    void aBlockedChangeMadeAllowedOrRemovedIsRefused() throws IOException {
        String spec = spec("replace.yaml", "Web v2", "images:debian/13", "");
        Path plan = save("replace.plan", spec);
        assertThat(change(read(plan), "instance.default/db").has("blocked")).isTrue();
        edit(plan, p -> change(p, "instance.default/db").remove("blocked"));
        refused(plan, "instance.default/db: BLOCKED now (instance.default/db is protected");
        Path dropped = save("dropped.plan", spec);
        edit(dropped, p -> {
            ArrayNode changes = (ArrayNode) p.get("changes");
            for (int i = 0; i < changes.size(); i++) {
                if (changes.get(i).get("address").asText().equals("instance.default/db")) {
                    changes.remove(i);
                }
            }
        });
        refused(dropped, "instance.default/db: missing from the file; a plan made now has it (replace, BLOCKED)");
    }

    @Test
    void anActionChangedIsRefused() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        edit(plan, p -> {
            ObjectNode web = change(p, "instance.default/web");
            web.put("action", "DELETE").remove("after");
            web.putArray("fields");
        });
        refused(plan, "instance.default/web: the file says destroy, a plan made now says update in-place");
    }

    @Test
    void aChangeAddedIsRefused() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        Path evil = save("evil.plan", spec("evil.yaml", "Web v2", "images:debian/12",
                instance("app", "") + instance("extra", "")));
        ObjectNode extra = read(evil);
        edit(plan, p -> {
            ((ArrayNode) p.get("changes")).add(change(extra, "instance.default/extra"));
            p.set("observed_fingerprint", extra.get("observed_fingerprint"));
        });
        refused(plan, "instance.default/extra: the file has a change (create) that a plan made now does not have");
    }

    @Test
    void aPlanSealedByAnotherUserOrForAnotherSpecIsRefused() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        edit(plan, p -> ((ArrayNode) p.get("warnings")).add("all is well"));
        refused(plan, "its seal does not match");
        // another user's infra (another key) plans a privileged app from a spec of its own
        System.setProperty("sigsrv.infra.config", dir.resolve("other-config").toString());
        Path other = save("other.plan", next("other.yaml", "    privileged: true\n    reason: theirs\n"));
        System.setProperty("sigsrv.infra.config", dir.resolve("config").toString());
        refused(other, "its seal does not match: it was edited after infra saved it, or saved by another user");
        // a key others can read seals nothing
        Path key = dir.resolve("config/plan-seal");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
        String exposed = "the plan seal file " + key + " has mode rw-r--r--; it must be readable by its owner only";
        Cli.Result again = sim("plan", "-out", dir.resolve("fresh.plan").toString(),
                dir.resolve("base.yaml").toString());
        assertThat(again.exitCode()).as(again.all()).isEqualTo(2);
        assertThat(again.err()).contains(exposed);
        assertThat(dir.resolve("fresh.plan")).doesNotExist();
        refused(other, exposed);
    }

    @Test
    void damagedFilesAreRefusedByApplyAndShow() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        String text = Files.readString(plan);
        Path truncated = dir.resolve("truncated.plan");
        Files.writeString(truncated, text.substring(0, text.length() / 2));
        refused(truncated, "truncated.plan is not a saved plan this infra can use: not valid JSON (truncated or"
                + " damaged?)");
        Path garbage = dir.resolve("garbage.plan");
        Files.writeString(garbage, text.substring(0, 200) + "\u0000\u00ff garbage ]]" + text.substring(300));
        refused(garbage, "garbage.plan is not a saved plan this infra can use: not valid JSON");
        Path binary = dir.resolve("binary.plan");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        bytes[100] = (byte) 0xff;
        Files.write(binary, bytes);
        refused(binary, "binary.plan is not a saved plan this infra can use: not UTF-8 text (damaged?)");
        Path old = dir.resolve("old.plan");
        write(old, read(plan).put("infra_plan", 1));
        refused(old, "old.plan is not a saved plan this infra can use: a saved plan of format 1, but this infra"
                + " reads format 2 only");
        Path noSpec = dir.resolve("nospec.plan");
        ObjectNode tree = read(plan);
        tree.remove("spec");
        write(noSpec, tree);
        refused(noSpec, "'spec' is missing");
        Path badKind = dir.resolve("badkind.plan");
        edit(plan, p -> ((ObjectNode) p.get("changes").get(0)).put("kind", "ROOT_SHELL"));
        Files.copy(plan, badKind);
        refused(badKind, "'changes[0].kind' is 'ROOT_SHELL', not one of [PROJECT");
        for (Path bad : new Path[] {truncated, garbage, binary, old, noSpec, badKind}) {
            Cli.Result show = Cli.run("show", bad.toString());
            assertThat(show.exitCode()).as(show.all()).isEqualTo(2);
            assertThat(show.err()).contains(bad + " is not a saved plan this infra can use");
        }
    }

    @Test
    void theSpecMustBeThereUnchanged() throws IOException {
        String next = next("next.yaml", "");
        Path plan = save("next.plan", next);
        Files.writeString(Path.of(next), Files.readString(Path.of(next)) + "# edited\n");
        refused(plan, next + " has changed since " + plan + " was planned from it");
        Files.delete(Path.of(next));
        refused(plan, plan + " was planned from " + next + ", which cannot be read now (no such file)");
        Path endless = dir.resolve("endless.plan");
        Files.copy(plan, endless);
        edit(endless, p -> ((ObjectNode) p.get("spec")).put("path", "/dev/zero"));
        refused(endless, endless + " was planned from /dev/zero, which cannot be read now (not a regular file");
    }

    @Test
    void aLabChangedSinceIsRefused() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        Cli.Result set = sim("instance", "config", "set", "web", "user.note", "changed by hand");
        assertThat(set.exitCode()).as(set.all()).isZero();
        Cli.Result r = sim("apply", plan.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(2);
        assertThat(r.err()).contains("the lab has changed since " + plan + " was planned; nothing was applied.");
    }

    @Test
    void showPrintsTheSavedPlanWithoutTheLab() throws IOException {
        Path plan = save("next.plan", next("next.yaml", ""));
        // no --sim and no remote: show reads nothing but the file
        Cli.Result text = Cli.run("show", plan.toString());
        assertThat(text.exitCode()).as(text.all()).isZero();
        Golden.assertMatches(Golden.repo().resolve("src/test/resources/show/expected.txt"), normalized(text.out()));
        Cli.Result json = Cli.run("show", "-o", "json", plan.toString());
        assertThat(json.exitCode()).as(json.all()).isZero();
        Golden.assertMatches(Golden.repo().resolve("src/test/resources/show/expected.json"), normalized(json.out()));
        edit(plan, p -> ((ObjectNode) change(p, "instance.default/app").get("after").get("fields"))
                .put("config.security.privileged", "true"));
        Cli.Result tampered = Cli.run("show", plan.toString());
        assertThat(tampered.exitCode()).isEqualTo(2);
        assertThat(tampered.out()).isEmpty();
        assertThat(tampered.err()).contains("refusing " + plan + ", nothing is shown:",
                "its changes do not match their digest");
    }

    private String normalized(String output) {
        return output.replace(dir.toString(), "DIR");
    }
}
