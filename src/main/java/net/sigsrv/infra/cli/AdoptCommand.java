package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.Marks;
import net.sigsrv.infra.apply.Planner;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "adopt",
        mixinStandardHelpOptions = true,
        header = "Take over existing objects the spec names: mark them as owned by this lab.",
        description = "For objects that exist in the lab with a name the spec uses, but were not made by this lab"
                + " (plan shows them BLOCKED with an adopt hint): adds the lab's ownership key and the description"
                + " mark, so the next plan manages them. Only the mark changes; run plan to see what else differs."
                + " With ADDRESS…, only those objects (e.g. pool.default, network.sigsrvbr0).")
final class AdoptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The lab spec (YAML).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ADDRESS", description = "Objects to adopt (default: all adoptable).")
    List<String> addresses = List.of();

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        var out = command.commandLine().getOut();
        try (IncusClient client = Connections.open(command)) {
            List<Change> adoptable = Planner.plan(spec, client).plan().changes().stream()
                    .filter(c -> c.before().isPresent() && !c.before().get().owned() && c.after().isPresent())
                    .filter(c -> addresses.isEmpty() || addresses.contains(c.address().toString()))
                    .toList();
            List<String> unknown = addresses.stream()
                    .filter(a -> adoptable.stream().noneMatch(c -> c.address().toString().equals(a))).toList();
            if (!unknown.isEmpty()) {
                throw InfraException.invalidInput("not adoptable (not in the spec, not in the lab, or already"
                        + " owned): " + String.join(", ", unknown));
            }
            for (Change c : adoptable) {
                Marks.mark(client, c.before().get(), spec.lab());
                out.println("adopted " + c.address());
            }
            out.println(adoptable.isEmpty() ? "Nothing to adopt." : "Adopted " + adoptable.size()
                    + " object(s); run 'infra plan' to see what else differs.");
            return ExitCode.OK.code();
        } catch (Planner.UnknownHosts e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }
}
