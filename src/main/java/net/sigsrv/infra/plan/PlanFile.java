package net.sigsrv.infra.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A saved plan ({@code infra plan -out FILE}): every change (no-ops too, as they take part in the fingerprint) with
 * its full before/after objects, the members it was planned for, and the fingerprint of what was observed. {@code infra apply FILE} applies exactly these changes,
 * and only while the lab still matches the fingerprint. The format is JSON with {@code "infra_plan": 1}.
 */
public final class PlanFile {

    /** A plan read back, with the members it was planned for. */
    public record Saved(Plan plan, List<String> members) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanFile() {
    }

    public static boolean looksLikePlan(String text) {
        return text.stripLeading().startsWith("{") && text.contains("\"infra_plan\"");
    }

    public static String write(Plan plan, List<String> members) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("infra_plan", 1);
        root.put("lab", plan.lab());
        root.put("observed_fingerprint", plan.observedFingerprint());
        members.forEach(root.putArray("members")::add);
        plan.warnings().forEach(root.putArray("warnings")::add);
        ArrayNode changes = root.putArray("changes");
        for (Change c : plan.changes()) {
            ObjectNode n = changes.addObject();
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
        return JSON.writeValueAsString(root) + "\n";
    }

    private static void resource(ObjectNode node, Resource r) {
        node.put("owned", r.owned());
        ObjectNode fields = node.putObject("fields");
        r.fields().forEach(fields::put);
    }

    public static Saved read(String text, String source) throws IOException {
        JsonNode root = JSON.readTree(text);
        if (root.path("infra_plan").asInt() != 1) {
            throw new IOException(source + " is not a saved plan of this version (infra_plan: 1)");
        }
        List<Change> changes = new ArrayList<>();
        for (JsonNode n : root.path("changes")) {
            Address a = new Address(Kind.valueOf(n.path("kind").asText()), n.path("scope").asText(),
                    n.path("pool").asText(), n.path("name").asText(), n.path("member").asText());
            List<FieldChange> fields = new ArrayList<>();
            for (JsonNode f : n.path("fields")) {
                fields.add(new FieldChange(f.path("field").asText(), text(f.get("before")), text(f.get("after")),
                        f.path("forces_replacement").asBoolean()));
            }
            changes.add(new Change(a, Action.valueOf(n.path("action").asText()), resource(a, n.get("before")),
                    resource(a, n.get("after")), fields, Optional.ofNullable(text(n.get("blocked")))));
        }
        List<String> members = new ArrayList<>();
        root.path("members").forEach(m -> members.add(m.asText()));
        List<String> warnings = new ArrayList<>();
        root.path("warnings").forEach(w -> warnings.add(w.asText()));
        return new Saved(new Plan(root.path("lab").asText(), changes, warnings,
                root.path("observed_fingerprint").asText()), members);
    }

    private static Optional<Resource> resource(Address a, JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        node.path("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
        return Optional.of(new Resource(a, fields, node.path("owned").asBoolean()));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
