package net.sigsrv.infra.plan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A saved plan ({@code infra plan -out FILE}), JSON with {@code "infra_plan": 2}: every change (no-ops too, as they
 * take part in the fingerprint) with its full before/after objects, the members it was planned for, the fingerprint
 * of what was observed, the spec it was made from (absolute path and SHA-256 of its bytes), the
 * {@linkplain PlanSeal#changesDigest digest of its changes} and a {@linkplain PlanSeal seal}.
 *
 * <p>The file is a record of what was approved, never an authority: {@code infra apply FILE} plans again from the
 * spec it names against the live lab and applies that plan only when its changes are the saved ones (see
 * {@link SavedPlanCheck}). Reading is strict — a missing or mistyped member, an unknown kind or action, or a change
 * whose shape contradicts its action makes the file {@link Unreadable}; the digest and the seal are checked and
 * what fails is reported in {@link Saved#problems()}, so the caller can first say what differs.
 */
public final class PlanFile {

    /** The format this infra writes and reads. */
    public static final int FORMAT = 2;

    /** The spec a plan was made from: its absolute path and the SHA-256 (hex) of its bytes. */
    public record SpecRef(String path, String sha256) {
    }

    /**
     * A plan read back.
     *
     * @param problems what the file's own checks found (changes digest, seal), empty when it is as infra wrote it
     */
    public record Saved(Plan plan, List<String> members, SpecRef spec, String changesDigest, List<String> problems) {

        public Saved {
            members = List.copyOf(members);
            problems = List.copyOf(problems);
        }
    }

    /** The file is not a saved plan this infra can read; the message says why (and where). */
    public static final class Unreadable extends Exception {
        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private PlanFile() {
    }

    public static boolean looksLikePlan(String text) {
        return text.stripLeading().startsWith("{") && text.contains("\"infra_plan\"");
    }

    /** The file's text, sealed with {@code key}. */
    public static String write(Plan plan, List<String> members, SpecRef spec, byte[] key) {
        ObjectNode root = JSON.createObjectNode();
        root.put("infra_plan", FORMAT);
        root.put("lab", plan.lab());
        root.putObject("spec").put("path", spec.path()).put("sha256", spec.sha256());
        root.put("observed_fingerprint", plan.observedFingerprint());
        members.forEach(root.putArray("members")::add);
        ArrayNode warnings = root.putArray("warnings");
        plan.warnings().forEach(w -> warnings.add(w.text()));
        ArrayNode changes = root.putArray("changes");
        plan.changes().forEach(c -> change(changes.addObject(), c));
        root.put("changes_sha256", PlanSeal.changesDigest(plan.changes()));
        root.put("seal", PlanSeal.seal(root, key));
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a plan", e);
        }
    }

    static void change(ObjectNode n, Change c) {
        Address a = c.address();
        n.put("address", a.toString()).put("kind", a.kind().name()).put("scope", a.scope()).put("pool", a.pool())
                .put("name", a.name()).put("member", a.member()).put("action", c.action().name());
        c.blocked().ifPresent(b -> n.put("blocked", b));
        c.before().ifPresent(r -> resource(n.putObject("before"), r));
        c.after().ifPresent(r -> resource(n.putObject("after"), r));
        ArrayNode fields = n.putArray("fields");
        for (FieldChange f : c.fields()) {
            fields.addObject().put("field", f.field()).put("before", f.before()).put("after", f.after())
                    .put("forces_replacement", f.forcesReplacement());
        }
    }

    private static void resource(ObjectNode node, Resource r) {
        node.put("owned", r.owned());
        ObjectNode fields = node.putObject("fields");
        r.fields().forEach(fields::put);
    }

    /**
     * Reads a saved plan. {@code key} is the user's plan key, absent when there is none (then the seal cannot
     * match, which is one of the {@link Saved#problems()}).
     */
    public static Saved read(String text, Optional<byte[]> key) throws Unreadable {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Unreadable("not valid JSON (truncated or damaged?): " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new Unreadable("not a JSON object");
        }
        JsonNode format = root.get("infra_plan");
        if (format == null || !format.isInt() || format.intValue() != FORMAT) {
            throw new Unreadable("a saved plan of format " + (format == null ? "(none)" : format.toString())
                    + ", but this infra reads format " + FORMAT + " only");
        }
        Fields r = new Fields(root, "");
        JsonNode spec = r.object("spec");
        SpecRef ref = new SpecRef(new Fields(spec, "spec.").string("path"),
                new Fields(spec, "spec.").string("sha256"));
        List<Change> changes = new ArrayList<>();
        JsonNode list = r.array("changes");
        for (int i = 0; i < list.size(); i++) {
            changes.add(change(new Fields(list.get(i), "changes[" + i + "].")));
        }
        List<PlanWarning> warnings = r.strings("warnings").stream().<PlanWarning>map(PlanWarning.Text::new).toList();
        Plan plan = new Plan(r.string("lab"), changes, warnings, r.string("observed_fingerprint"));
        String digest = r.string("changes_sha256");
        r.string("seal");
        List<String> problems = new ArrayList<>();
        if (!digest.equals(PlanSeal.changesDigest(changes))) {
            problems.add("its changes do not match their digest (changes_sha256): they were edited after infra"
                    + " saved them");
        }
        if (key.isEmpty()) {
            problems.add("there is no plan seal key for this user, so its seal cannot be checked: it was not saved"
                    + " by infra as this user");
        } else if (!PlanSeal.sealMatches(root, key.get())) {
            problems.add("its seal does not match: it was edited after infra saved it, or saved by another user");
        }
        return new Saved(plan, r.strings("members"), ref, digest, problems);
    }

    private static Change change(Fields n) throws Unreadable {
        Kind kind = n.oneOf("kind", IncusKind.class);
        Address a = new Address(kind, n.string("scope"), n.string("pool"), n.string("name"), n.string("member"));
        if (!a.toString().equals(n.string("address"))) {
            throw new Unreadable(n.where("address") + " is " + n.string("address") + ", but its parts name " + a);
        }
        Action action = n.oneOf("action", Action.class);
        Optional<Resource> before = resource(a, n, "before");
        Optional<Resource> after = resource(a, n, "after");
        if (before.isPresent() == (action == Action.CREATE) || after.isPresent() == (action == Action.DELETE)) {
            throw new Unreadable(n.where("action") + " of " + a + " is " + action.name() + ", but it has "
                    + (before.isPresent() ? "a" : "no") + " 'before' and " + (after.isPresent() ? "an" : "no")
                    + " 'after'");
        }
        List<FieldChange> fields = new ArrayList<>();
        JsonNode list = n.array("fields");
        for (int i = 0; i < list.size(); i++) {
            Fields f = new Fields(list.get(i), n.prefix + "fields[" + i + "].");
            fields.add(new FieldChange(f.string("field"), f.nullableString("before"), f.nullableString("after"),
                    f.bool("forces_replacement")));
        }
        JsonNode blocked = n.node.get("blocked");
        if (blocked != null && !blocked.isTextual()) {
            throw new Unreadable(n.where("blocked") + " is not a string");
        }
        return new Change(a, action, before, after, fields, Optional.ofNullable(blocked).map(JsonNode::asText));
    }

    private static Optional<Resource> resource(Address a, Fields change, String name) throws Unreadable {
        JsonNode node = change.node.get(name);
        if (node == null) {
            return Optional.empty();
        }
        Fields r = new Fields(node, change.prefix + name + ".");
        if (!node.isObject()) {
            throw new Unreadable(change.where(name) + " is not an object");
        }
        JsonNode fieldsNode = r.object("fields");
        Map<String, String> fields = new LinkedHashMap<>();
        for (var e : fieldsNode.properties()) {
            if (!e.getValue().isTextual()) {
                throw new Unreadable(r.where("fields") + "." + e.getKey() + " is not a string");
            }
            fields.put(e.getKey(), e.getValue().asText());
        }
        return Optional.of(new Resource(a, fields, r.bool("owned")));
    }

    /** Typed, required members of one JSON object, each failure naming its path in the file. */
    private record Fields(JsonNode node, String prefix) {

        String where(String name) {
            return "'" + prefix + name + "'";
        }

        private JsonNode required(String name) throws Unreadable {
            JsonNode v = node.isObject() ? node.get(name) : null;
            if (v == null) {
                throw new Unreadable(where(name) + " is missing");
            }
            return v;
        }

        String string(String name) throws Unreadable {
            JsonNode v = required(name);
            if (!v.isTextual()) {
                throw new Unreadable(where(name) + " is not a string");
            }
            return v.asText();
        }

        String nullableString(String name) throws Unreadable {
            JsonNode v = required(name);
            return v.isNull() ? null : string(name);
        }

        boolean bool(String name) throws Unreadable {
            JsonNode v = required(name);
            if (!v.isBoolean()) {
                throw new Unreadable(where(name) + " is not true or false");
            }
            return v.asBoolean();
        }

        JsonNode object(String name) throws Unreadable {
            JsonNode v = required(name);
            if (!v.isObject()) {
                throw new Unreadable(where(name) + " is not an object");
            }
            return v;
        }

        JsonNode array(String name) throws Unreadable {
            JsonNode v = required(name);
            if (!v.isArray()) {
                throw new Unreadable(where(name) + " is not a list");
            }
            return v;
        }

        List<String> strings(String name) throws Unreadable {
            List<String> out = new ArrayList<>();
            JsonNode list = array(name);
            for (int i = 0; i < list.size(); i++) {
                if (!list.get(i).isTextual()) {
                    throw new Unreadable(where(name) + "[" + i + "] is not a string");
                }
                out.add(list.get(i).asText());
            }
            return out;
        }

        <E extends Enum<E>> E oneOf(String name, Class<E> type) throws Unreadable {
            String v = string(name);
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(v)) {
                    return e;
                }
            }
            throw new Unreadable(where(name) + " is '" + v + "', not one of " + List.of(type.getEnumConstants()));
        }
    }
}
