package net.sigsrv.infra.plan.render;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Address;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.Plan;
import net.sigsrv.infra.plan.PlanWarning;
import net.sigsrv.infra.plan.Resource;

/**
 * The plan as a JSON-ready tree with a stable shape, {@code format_version} 1. Keys always appear, in this order:
 * <pre>
 * format_version        1; bumped when a key changes meaning or goes away (adding a key does not bump it)
 * lab                   the lab's name
 * observed_fingerprint  SHA-256 over the observed state of the plan's objects; equal ⇔ none of them changed
 * warnings              [string]
 * summary               {add, change, replace, destroy, noop, blocked}: changes that will be made per action
 *                       (blocked ones counted only under blocked)
 * changes               [change], NOOPs left out, in plan order:
 *   address             "instance.lab-p1/web1", "pool.fast@sigsrv", as printed by the text plan
 *   kind                "project", "zone", "zone_record", "acl", "pool", "network", "profile", "volume", "instance"
 *   scope, pool, name, member
 *                       the parts of the address, "" when the kind has none: scope is the project (profile,
 *                       volume, instance) or zone (zone_record); pool is a volume's pool; member is set only on one
 *                       member's part of a network or pool — so kind and the four parts name the object exactly
 *   action              "create", "update", "replace", "delete"
 *   blocked             null, or why the change will not be made (protected, not owned, built in)
 *   fields              [{field, before, after, forces_replacement}] for update and replace; before is null for an
 *                       added field, after null for a removed one
 *   before, after       the object's flat fields ({"config.limits.cpu": "2", …}) as observed / as wanted; null
 *                       for create / delete
 * </pre>
 */
public final class PlanJson {

    private PlanJson() {
    }

    public static Map<String, Object> tree(Plan plan) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format_version", 1);
        root.put("lab", plan.lab());
        root.put("observed_fingerprint", plan.observedFingerprint());
        root.put("warnings", plan.warnings().stream().map(PlanWarning::text).toList());
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
            Address a = c.address();
            m.put("address", a.toString());
            m.put("kind", a.kind().label());
            m.put("scope", a.scope());
            m.put("pool", a.pool());
            m.put("name", a.name());
            m.put("member", a.member());
            m.put("action", c.action().name().toLowerCase(Locale.ROOT));
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
            m.put("before", c.before().map(Resource::fields).orElse(null));
            m.put("after", c.after().map(Resource::fields).orElse(null));
            changes.add(m);
        }
        root.put("changes", changes);
        return root;
    }
}
