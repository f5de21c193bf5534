package net.sigsrv.infra.plan.render;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.diag.Ansi;
import net.sigsrv.infra.plan.Action;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.plan.FieldChange;
import net.sigsrv.infra.plan.Plan;

/**
 * The plan as OpenTofu users read one: a block per change with its marker, the fields it sets or changes (and
 * which one forces a replacement), blocked changes called out ("would be destroyed", then why not), and a summary
 * line that counts only what will be done. Colour only when asked.
 */
public final class PlanText {

    private final boolean colour;

    public PlanText(boolean colour) {
        this.colour = colour;
    }

    public String render(Plan plan) {
        StringBuilder s = new StringBuilder();
        plan.warnings().forEach(w -> s.append(paint("1;33", "Warning: ")).append(w.text()).append('\n'));
        if (!plan.warnings().isEmpty()) {
            s.append('\n');
        }
        List<Change> changes = plan.actionable();
        if (changes.isEmpty()) {
            int n = plan.changes().size();
            return s.append(paint("1;32", "No changes.")).append(" The lab matches the spec (").append(n)
                    .append(n == 1 ? " object" : " objects").append(" checked).\n").toString();
        }
        s.append("infra will perform the following actions:\n\n");
        for (Change c : changes) {
            block(s, c);
        }
        return s.append(summary(plan)).append('\n').toString();
    }

    private void block(StringBuilder s, Change c) {
        String done = switch (c.action()) {
            case CREATE -> "created";
            case UPDATE -> "updated in-place";
            case REPLACE -> "replaced";
            case DELETE -> "destroyed";
            case NOOP -> "left as it is";
        };
        String why = (c.isBlocked() ? "would" : c.action() == Action.REPLACE ? "must" : "will") + " be " + done;
        s.append("  # ").append(c.address()).append(' ').append(why).append('\n');
        c.blocked().ifPresent(b -> s.append("  # ").append(paint("1;31", "BLOCKED: ")).append(b).append('\n'));
        s.append(marker(c.action())).append(' ').append(c.address()).append('\n');
        if (c.action() == Action.CREATE) {
            fields(s, "+", c.after().orElseThrow().fields());
        } else if (c.action() == Action.DELETE) {
            fields(s, "-", c.before().orElseThrow().fields());
        } else {
            int width = c.fields().stream().mapToInt(f -> f.field().length()).max().orElse(0);
            for (FieldChange f : c.fields()) {
                String sign = f.before() == null ? "+" : f.after() == null ? "-" : "~";
                s.append("      ").append(paint(colourOf(sign), sign)).append(' ')
                        .append(String.format("%-" + width + "s", f.field())).append(" = ");
                if (f.before() == null) {
                    s.append(quote(f.after()));
                } else if (f.after() == null) {
                    s.append(quote(f.before())).append(" -> null");
                } else {
                    s.append(quote(f.before())).append(" -> ").append(quote(f.after()));
                }
                if (f.forcesReplacement()) {
                    s.append(paint("1;31", " # forces replacement"));
                }
                s.append('\n');
            }
        }
        s.append('\n');
    }

    private void fields(StringBuilder s, String sign, Map<String, String> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0);
        fields.forEach((k, v) -> s.append("      ").append(paint(colourOf(sign), sign)).append(' ')
                .append(String.format("%-" + width + "s", k)).append(" = ").append(quote(v)).append('\n'));
    }

    /** "Plan: 2 to add, 1 to change, 0 to replace, 1 to destroy." plus blocked changes, which are not counted. */
    public static String summary(Plan plan) {
        Map<Action, Long> n = plan.counts();
        String line = "Plan: " + n.getOrDefault(Action.CREATE, 0L) + " to add, "
                + n.getOrDefault(Action.UPDATE, 0L) + " to change, " + n.getOrDefault(Action.REPLACE, 0L)
                + " to replace, " + n.getOrDefault(Action.DELETE, 0L) + " to destroy.";
        int blocked = plan.blocked().size();
        return blocked == 0 ? line : line + " " + blocked + " blocked (see BLOCKED above).";
    }

    private String marker(Action a) {
        String m = String.format("%3s", a.symbol());
        return paint(colourOf(a.symbol()), m);
    }

    private static String colourOf(String symbol) {
        return switch (symbol) {
            case "+" -> "32";
            case "-" -> "31";
            case "~" -> "33";
            default -> "35";
        };
    }

    private String paint(String ansi, String text) {
        return Ansi.paint(colour, ansi, text);
    }

    private static String quote(String v) {
        return "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
