package net.sigsrv.infra.spec.validate;

import java.util.regex.Pattern;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.Spec;

/**
 * Conventions of the lab, as warnings: descriptions, purposes, naming style, project limits. Shown, never fatal
 * unless {@code --strict}.
 */
final class LintRules implements SpecValidator.Rules {

    private static final Pattern BRIDGE = Pattern.compile("[a-z0-9-]+br\\d+");

    @Override
    public void check(Spec spec, Report report) {
        spec.hosts().forEach(h -> describe(report, "host", h.name(), h.description(), h.loc().at()));
        spec.networks().forEach(n -> {
            describe(report, "network", n.name(), n.description(), n.loc().at());
            purpose(report, "network", n.name(), n.purpose(), n.loc().at());
            if (!BRIDGE.matcher(n.name()).matches()) {
                report.warning("lint-naming", "network " + n.name(), n.loc().of("name"), "network " + n.name()
                        + " does not follow the bridge naming convention NAMEbrN", "e.g. sigsrvbr0, userbr0.");
            }
        });
        spec.storage().forEach(p -> {
            describe(report, "pool", p.name(), p.description(), p.loc().at());
            purpose(report, "pool", p.name(), p.purpose(), p.loc().at());
        });
        spec.projects().forEach(p -> {
            describe(report, "project", p.name(), p.description(), p.loc().at());
            if (p.limits().isEmpty()) {
                report.warning("lint-project-limits", "project " + p.name(), p.loc().of("name"), "project "
                        + p.name() + " sets no limits", "Without limits one tenant can take a whole host.");
            }
        });
        spec.clusters().forEach(c -> describe(report, "cluster", c.name(), c.description(), c.loc().at()));
        spec.instances().stream().filter(i -> !i.name().equals(i.name().toLowerCase()))
                .forEach(i -> report.warning("lint-naming", "instance " + i.name(), i.loc().of("name"), "instance "
                        + i.name() + " has upper-case letters", "Hostnames are case-insensitive; DNS shows them"
                        + " lower-case."));
    }

    private static void describe(Report report, String kind, String name, String description, SourcePos pos) {
        if (description.isBlank()) {
            report.warning("lint-description", kind + " " + name, pos, kind + " " + name + " has no description",
                    "Say in a few words what it is for.");
        }
    }

    private static void purpose(Report report, String kind, String name, String purpose, SourcePos pos) {
        if (purpose.isBlank()) {
            report.warning("lint-purpose", kind + " " + name, pos, kind + " " + name + " has no purpose",
                    "e.g. `purpose: system`, `management`, `user`, `fast`, `capacity`, `images`.");
        }
    }
}
