package net.sigsrv.infra.plan.render;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.IncusKind;
import net.sigsrv.infra.plan.Kind;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanWarning;
import net.sigsrv.infra.plan.Resource;
import org.junit.jupiter.api.Test;

/**
 * What the golden scenarios do not pin down: the JSON document's shape (keys, order, types, address parts that
 * name the object exactly) and the text plan's colour, quoting and blocked wording.
 */
class RenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Address PART = Address.onMember(Kind.POOL_MEMBER, "fast", "sigsrv");
    private static final Address VOLUME = Address.volume("p", "fast", "data");
    private static final Address WEB1 = Address.scoped(Kind.INSTANCE, "p", "web1");
    private static final Address DB1 = Address.scoped(Kind.INSTANCE, "p", "db1");
    private static final Address ZONE = Address.of(Kind.ZONE, "lab.internal");

    private static Plan plan() {
        Resource part = new Resource(PART, Map.of("driver", "zfs"), true);
        Resource volume = new Resource(VOLUME, Map.of("content_type", "filesystem"), true);
        Resource web1Before = new Resource(WEB1, Map.of("type", "container", "config.limits.cpu", "1"), true);
        Resource web1After = new Resource(WEB1, Map.of("type", "container", "config.limits.cpu", "2",
                "config.user.note", "say \"hi\"\nbye"), true);
        Resource db1 = new Resource(DB1, Map.of("config.security.protection.delete", "true"), true);
        Resource zone = new Resource(ZONE, Map.of("description", "Lab names"), true);
        List<Change> changes = new ArrayList<>();
        changes.add(new Change(ZONE, Action.NOOP, Optional.of(zone), Optional.of(zone), List.of(), Optional.empty()));
        changes.add(new Change(PART, Action.CREATE, Optional.empty(), Optional.of(part), List.of(), Optional.empty()));
        changes.add(new Change(VOLUME, Action.DELETE, Optional.of(volume), Optional.empty(), List.of(),
                Optional.empty()));
        changes.add(new Change(WEB1, Action.UPDATE, Optional.of(web1Before), Optional.of(web1After), List.of(
                new FieldChange("config.limits.cpu", "1", "2", false),
                new FieldChange("config.user.note", null, "say \"hi\"\nbye", false)), Optional.empty()));
        changes.add(new Change(DB1, Action.DELETE, Optional.of(db1), Optional.empty(), List.of(),
                Optional.of("instance.p/db1 is protected")));
        return new Plan("lab", changes, List.of(new PlanWarning.Text("a warning")), "f1f2");
    }

    @Test
    void theJsonDocumentHasItsDocumentedKeysInOrder() {
        JsonNode root = JSON.valueToTree(PlanJson.tree(plan()));

        assertThat(root.properties()).extracting(Map.Entry::getKey).containsExactly("format_version", "lab",
                "observed_fingerprint", "warnings", "summary", "changes");
        assertThat(root.get("format_version").asInt()).isEqualTo(1);
        assertThat(root.get("warnings")).hasSize(1);
        assertThat(root.get("summary").properties()).extracting(Map.Entry::getKey)
                .containsExactly("add", "change", "replace", "destroy", "noop", "blocked");
        for (JsonNode change : root.get("changes")) {
            assertThat(change.properties()).extracting(Map.Entry::getKey).containsExactly("address", "kind",
                    "scope", "pool", "name", "member", "action", "blocked", "fields", "before", "after");
        }
    }

    @Test
    void theSummaryCountsWhatWillBeMadeAndBlockedChangesApart() {
        JsonNode summary = JSON.valueToTree(PlanJson.tree(plan())).get("summary");

        assertThat(summary.toString())
                .isEqualTo("{\"add\":1,\"change\":1,\"replace\":0,\"destroy\":1,\"noop\":1,\"blocked\":1}");
    }

    @Test
    void noOpsAreLeftOutAndActionsAreLowerCase() {
        JsonNode changes = JSON.valueToTree(PlanJson.tree(plan())).get("changes");

        assertThat(changes).extracting(c -> c.get("action").asText())
                .containsExactly("create", "delete", "update", "delete");
    }

    @Test
    void theAddressPartsNameTheObjectExactly() {
        JsonNode changes = JSON.valueToTree(PlanJson.tree(plan())).get("changes");

        for (JsonNode c : changes) {
            Address read = read(c);
            assertThat(read.toString()).isEqualTo(c.get("address").asText());
        }
        assertThat(read(changes.get(0))).isEqualTo(PART);
        assertThat(read(changes.get(1))).isEqualTo(VOLUME);
        assertThat(read(changes.get(2))).isEqualTo(WEB1);
    }

    /** How an automation reads an address back: the kind's label, and whether a member is named. */
    private static Address read(JsonNode c) {
        String label = c.get("kind").asText();
        boolean perMember = !c.get("member").asText().isEmpty();
        Kind kind = List.<Kind>of(IncusKind.values()).stream()
                .filter(k -> k.label().equals(label) && k.isPerMember() == perMember).findFirst().orElseThrow();
        return new Address(kind, c.get("scope").asText(), c.get("pool").asText(), c.get("name").asText(),
                c.get("member").asText());
    }

    @Test
    void beforeAndAfterAreNullWhenThereIsNoObjectAndFieldsSayWhatChanged() {
        JsonNode changes = JSON.valueToTree(PlanJson.tree(plan())).get("changes");

        assertThat(changes.get(0).get("before").isNull()).isTrue();
        assertThat(changes.get(1).get("after").isNull()).isTrue();
        JsonNode added = changes.get(2).get("fields").get(1);
        assertThat(added.get("before").isNull()).isTrue();
        assertThat(added.get("forces_replacement").asBoolean()).isFalse();
        assertThat(changes.get(2).get("blocked").isNull()).isTrue();
        assertThat(changes.get(3).get("blocked").asText()).isEqualTo("instance.p/db1 is protected");
    }

    @Test
    void textWithoutColourHasNoEscapesAndQuotesValuesSafely() {
        String text = new PlanText(false).render(plan());

        assertThat(text).doesNotContain("\u001b[")
                .startsWith("Warning: a warning\n\ninfra will perform the following actions:\n")
                .contains("      + config.user.note  = \"say \\\"hi\\\"\\nbye\"\n")
                .contains("      ~ config.limits.cpu = \"1\" -> \"2\"\n")
                .endsWith("Plan: 1 to add, 1 to change, 0 to replace, 1 to destroy."
                        + " 1 blocked (see BLOCKED above).\n");
    }

    @Test
    void aBlockedChangeSaysWouldAndWhyNot() {
        String text = new PlanText(false).render(plan());

        assertThat(text).contains("  # instance.p/db1 would be destroyed\n"
                + "  # BLOCKED: instance.p/db1 is protected\n"
                + "  - instance.p/db1\n");
        assertThat(text).contains("  # volume.p/fast/data will be destroyed\n");
    }

    @Test
    void colourMarksTheSignsAndTheBlockedWord() {
        String text = new PlanText(true).render(plan());

        assertThat(text).contains("\u001b[32m  +\u001b[0m pool.fast@sigsrv")
                .contains("\u001b[1;31mBLOCKED: \u001b[0m")
                .contains("\u001b[1;33mWarning: \u001b[0m");
    }

    @Test
    void aPlanOfNoOpsSaysNoChangesWithTheCount() {
        Resource zone = new Resource(ZONE, Map.of(), true);
        Plan plan = new Plan("lab", List.of(new Change(ZONE, Action.NOOP, Optional.of(zone), Optional.of(zone),
                List.of(), Optional.empty())), List.of(), "f");

        assertThat(new PlanText(false).render(plan)).isEqualTo("No changes. The lab matches the spec (1 object"
                + " checked).\n");
    }
}
