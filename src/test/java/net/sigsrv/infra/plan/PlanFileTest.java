package net.sigsrv.infra.plan;

import static net.sigsrv.infra.plan.Resources.desired;
import static net.sigsrv.infra.plan.Resources.diff;
import static net.sigsrv.infra.plan.Resources.instance;
import static net.sigsrv.infra.plan.Resources.lab;
import static net.sigsrv.infra.plan.Resources.owned;
import static net.sigsrv.infra.plan.Resources.wanted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sigsrv.infra.guard.Redactor;
import org.junit.jupiter.api.Test;

/** The saved-plan format read back exactly, its checks, and the differences a tampered file is refused with. */
class PlanFileTest {

    private static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes();
    private static final PlanFile.SpecRef SPEC = new PlanFile.SpecRef("/labs/lab.yaml", "ab".repeat(32));

    private static Plan plan(String... webFields) {
        Address web = instance("p", "web");
        return diff(desired(wanted(web, webFields), wanted(instance("p", "db"), "type=container")),
                lab(owned(web, "type=container", "description=old")));
    }

    @Test
    void aSavedPlanReadsBackAsItWasWritten() throws Exception {
        Plan plan = plan("type=container", "description=new");
        PlanFile.Saved saved = PlanFile.read(PlanFile.write(plan, List.of("m1", "m2"), SPEC, KEY), Optional.of(KEY));
        assertThat(saved.plan()).isEqualTo(plan);
        assertThat(saved.members()).containsExactly("m1", "m2");
        assertThat(saved.spec()).isEqualTo(SPEC);
        assertThat(saved.problems()).isEmpty();
        assertThat(saved.changesDigest()).isEqualTo(PlanSeal.changesDigest(plan.changes()));
    }

    @Test
    void theSealNeedsTheSameKeyAndTheWholeDocument() throws Exception {
        String text = PlanFile.write(plan("type=container"), List.of(), SPEC, KEY);
        assertThat(PlanFile.read(text, Optional.empty()).problems()).singleElement().asString()
                .contains("there is no plan seal key for this user");
        assertThat(PlanFile.read(text, Optional.of("another key, another user....!!".getBytes())).problems())
                .singleElement().asString().contains("its seal does not match");
        String otherSpec = text.replace("/labs/lab.yaml", "/tmp/mine.yaml");
        assertThat(PlanFile.read(otherSpec, Optional.of(KEY)).problems()).singleElement().asString()
                .contains("its seal does not match");
        String reformatted = text.replace("\n", "").replace("  ", "");
        assertThat(PlanFile.read(reformatted, Optional.of(KEY)).problems()).as("layout is not content").isEmpty();
    }

    @Test
    void aDuplicateKeyOrAWrongShapeIsUnreadable() {
        String text = PlanFile.write(plan("type=container"), List.of(), SPEC, KEY);
        assertThatThrownBy(() -> PlanFile.read(text.replaceFirst("\"lab\" :", "\"lab\" : \"x\", \"lab\" :"),
                Optional.of(KEY))).isInstanceOf(PlanFile.Unreadable.class).hasMessageContaining("Duplicate field");
        assertThatThrownBy(() -> PlanFile.read(text.replaceFirst("\"action\" : \"CREATE\"", "\"action\" : \"DELETE\""),
                Optional.of(KEY))).isInstanceOf(PlanFile.Unreadable.class)
                .hasMessageContaining("is DELETE, but it has no 'before' and an 'after'");
        assertThatThrownBy(() -> PlanFile.read("[1]", Optional.of(KEY))).hasMessage("not a JSON object");
    }

    @Test
    void differencesNameTheFieldAndKeepSecretsMaskable() {
        Plan saved = plan("type=container", "config.user.db-password=hunter2-in-the-file");
        Plan now = plan("type=container", "config.user.db-password=hunter2-now");
        List<String> lines = SavedPlanCheck.differences(saved.changes(), now.changes());
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("instance.p/web: after config.user.db-password = "));
        String shown = Redactor.redact(String.join("\n", lines));
        assertThat(shown).doesNotContain("hunter2").contains("[REDACTED]");
    }

    @Test
    void longValuesAreCutAndManyDifferencesCounted() {
        Plan saved = plan("type=container", "description=" + "x".repeat(500));
        Plan now = plan("type=container", "description=short");
        assertThat(SavedPlanCheck.differences(saved.changes(), now.changes())).anySatisfy(l -> assertThat(l).contains(
                "\"" + "x".repeat(60) + "…\" (500 characters) in the file, but description = \"short\" now"));
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            many.add("config.user.k" + i + "=v" + i);
        }
        many.add("type=container");
        Plan edited = plan(many.toArray(String[]::new));
        List<String> lines = SavedPlanCheck.differences(edited.changes(), plan("type=container").changes());
        // the action (update in the file, no-op now) and 30 added config keys: 31 differences, 20 shown
        assertThat(lines).hasSize(SavedPlanCheck.SHOWN + 1).last().isEqualTo("and 11 more");
    }
}
