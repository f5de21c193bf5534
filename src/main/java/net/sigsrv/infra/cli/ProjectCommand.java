package net.sigsrv.infra.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Project;
import net.sigsrv.infra.ops.ProjectOps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Projects")
@Command(name = "project", mixinStandardHelpOptions = true,
        header = "Manage projects: list, show usage against limits, create, set, delete, switch.",
        description = "Like 'incus project'. Examples:%n  infra project list --remote lab%n"
                + "  infra project show p1%n  infra project switch p1   # later commands work in p1",
        subcommands = {ProjectCommand.ListProjects.class, ProjectCommand.Show.class, ProjectCommand.Create.class,
            ProjectCommand.Set.class, ProjectCommand.Delete.class, ProjectCommand.Switch.class})
final class ProjectCommand extends CommandGroup {

    @Category("Projects")
    @Command(name = "list", mixinStandardHelpOptions = true, header = "List projects with their limits.",
            description = "Example: infra project list -o json")
    static final class ListProjects extends OpsCommand {
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            List<Project> projects = new ProjectOps(s.client, s.guards()).list();
            return output.table(projects, new Table("NAME", "DESCRIPTION", "LIMITS", "USED BY"),
                    (t, p) -> t.row(p.name(), OpsSession.orDash(p.description()), limits(p.config()),
                            p.usedBy().size()));
        }
    }

    @Category("Projects")
    @Command(name = "show", mixinStandardHelpOptions = true,
            header = "Show a project's config and its usage of each resource against its limit.",
            description = "Example: infra project show p1 (reads GET /1.0/projects/p1/state)")
    static final class Show extends OpsCommand {
        @Parameters(paramLabel = "NAME", description = "The project.") String name;
        @Mixin OutputOption output;

        @Override
        int run(OpsSession s) throws Exception {
            ProjectOps.ProjectReport r = new ProjectOps(s.client, s.guards()).show(name);
            return output.print(r, out -> {
                out.println("name: " + r.project().name());
                out.println("description: " + OpsSession.orDash(r.project().description()));
                out.println("config:");
                r.project().config().forEach((k, v) -> out.println("  " + k + ": " + v));
                out.println("usage:");
                Table t = new Table("RESOURCE", "USAGE", "LIMIT");
                r.usage().forEach(u -> t.row(u.resource(), u.usage(), u.limit() < 0 ? "none" : u.limit()));
                t.print(out);
            });
        }
    }

    @Category("Projects")
    @Command(name = "create", mixinStandardHelpOptions = true, header = "Create a project.",
            description = "Example: infra project create p1 -c limits.instances=5 -c features.profiles=true")
    static final class Create extends OpsCommand {
        @Parameters(paramLabel = "NAME", description = "The new project.") String name;
        @Option(names = "--description", paramLabel = "TEXT", description = "Free text.") String description = "";
        @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE", description = "A config key (repeatable).")
        Map<String, String> config = new LinkedHashMap<>();

        @Override
        int run(OpsSession s) throws Exception {
            new ProjectOps(s.client, s.guards()).create(name, description, config);
            return s.done("Project " + name + " created");
        }
    }

    @Category("Projects")
    @Command(name = "set", mixinStandardHelpOptions = true, header = "Set one config key of a project.",
            description = "Example: infra project set p1 limits.instances 10 (an empty VALUE keeps the key empty)")
    static final class Set extends OpsCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "The project.") String name;
        @Parameters(index = "1", paramLabel = "KEY", description = "features.*, limits.*, restricted.*, user.*")
        String key;
        @Parameters(index = "2", paramLabel = "VALUE", description = "The value.") String value;

        @Override
        int run(OpsSession s) throws Exception {
            new ProjectOps(s.client, s.guards()).set(name, key, value);
            return s.done("Project " + name + ": " + key + "=" + value);
        }
    }

    @Category("Projects")
    @Command(name = "delete", mixinStandardHelpOptions = true,
            header = "Delete an empty project (refused when it holds anything, or the spec protects it).",
            description = "The refusal lists what is still inside. A project holding a `protect: true` instance of"
                    + " the spec is refused until the spec changes. Example: infra project delete p1 --spec lab.yaml")
    static final class Delete extends OpsCommand {
        @Parameters(paramLabel = "NAME", description = "The project.") String name;
        @Mixin SpecOption spec;

        @Override
        int run(OpsSession s) throws Exception {
            new ProjectOps(s.client, s.guards()).delete(name);
            return s.done("Project " + name + " deleted");
        }
    }

    @Category("Projects")
    @Command(name = "switch", mixinStandardHelpOptions = true,
            header = "Make a project the default of later commands on this remote.",
            description = "Kept per remote in infra's config directory (~/.config/sigsrv-infra/projects);"
                    + " --project on a command still wins. Example: infra project switch p1 --remote lab")
    static final class Switch extends OpsCommand {
        @Parameters(paramLabel = "NAME", description = "The project (must exist).") String name;

        @Override
        int run(OpsSession s) throws Exception {
            String remote = OpsSession.remoteName(command);
            new ProjectOps(s.client, s.guards()).switchTo(name, remote, OpsSession.defaults());
            return s.done("Default project of remote " + remote + " is now " + name);
        }
    }

    static String limits(Map<String, String> config) {
        List<String> l = config.entrySet().stream().filter(e -> e.getKey().startsWith("limits."))
                .map(e -> e.getKey().substring(7) + "=" + e.getValue()).toList();
        return OpsSession.join(l);
    }
}
