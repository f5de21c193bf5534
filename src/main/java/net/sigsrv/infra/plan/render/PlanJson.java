package net.sigsrv.infra.plan.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.Plan;

/**
 * The plan as a JSON-ready tree with a stable schema ({@code format_version} 1): {@code lab},
 * {@code observed_fingerprint}, {@code warnings}, {@code summary{add, change, replace, destroy, noop, blocked}},
 * {@code changes[{address, kind, action, blocked, fields[{field, before, after, forces_replacement}], before,
 * after}]} (NOOPs left out).
 */
public final class PlanJson {

    private PlanJson() {
    }

    public static Map<String, Object> tree(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", 1);
        root.put("lab", plan.lab());
        root.put("observed_fingerprint", plan.observedFingerprint());
        root.put("warnings", plan.warnings());
        Map<Action, Long> n = plan.counts();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("add", n.getOrDefault(Action.CREATE, 0L));
        summary.put("change", n.getOrDefault(Action.UPDATE, 0L));
        summary.put("replace", n.getOrDefault(Action.REPLACE, 0L));
        summary.put("destroy", n.getOrDefault(Action.DELETE, 0L));
        summary.put("noop", n.getOrDefault(Action.NOOP, 0L));
        summary.put("blocked", plan.blocked().size());
        root.put("summary", summary);
        List<Map<String, Object>> changes = new ArrayList<>();
        for (Change c : plan.actionable()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("address", c.address().toString());
            m.put("kind", c.address().kind().label());
            m.put("action", c.action().name().toLowerCase());
            m.put("blocked", c.blocked().orElse(null));
            List<Map<String, Object>> fields = new ArrayList<>();
            for (FieldChange f : c.fields()) {
                Map<String, Object> fm = new LinkedHashMap<>();
                fm.put("field", f.field());
                fm.put("before", f.before());
                fm.put("after", f.after());
                fm.put("forces_replacement", f.forcesReplacement());
                fields.add(fm);
            }
            m.put("fields", fields);
            m.put("before", c.before().map(r -> r.fields()).orElse(null));
            m.put("after", c.after().map(r -> r.fields()).orElse(null));
            changes.add(m);
        }
        root.put("changes", changes);
        return root;
    }
}
