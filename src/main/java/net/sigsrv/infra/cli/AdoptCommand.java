package net.sigsrv.infra.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import net.sigsrv.infra.apply.Adoption;
import net.sigsrv.infra.apply.Marks;
import net.sigsrv.infra.engine.Engine;
import net.sigsrv.infra.engine.IncusLayer;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.plan.Change;
import net.sigsrv.infra.spec.model.Spec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Category("Lab")
@Command(name = "adopt",
        mixinStandardHelpOptions = true,
        header = "Take over existing objects the spec names: mark them as owned by this lab.",
        description = "For objects that exist in the lab with a name the spec uses, but were not made by this lab"
                + " (plan shows them BLOCKED with an adopt hint): adds the lab's ownership key and the description"
                + " mark, so the next plan manages them. Only the mark changes; run plan to see what else differs."
                + " With ADDRESS…, only those objects (e.g. pool.default, network.sigsrvbr0). An object marked by"
                + " another lab (plan shows it BLOCKED naming that lab) is adopted only with --from-lab naming it.")
final class AdoptCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The lab spec (YAML).")
    Path file;

    @Parameters(index = "1..*", paramLabel = "ADDRESS", description = "Objects to adopt (default: all adoptable).")
    List<String> addresses = List.of();

    @Option(names = "--from-lab", paramLabel = "OTHER",
            description = "Take over objects marked as owned by lab OTHER (another spec's lab: name), and only those."
                    + " Without it, objects of another lab are never adopted.")
    String fromLab;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Spec spec = SpecInput.load(file, command.commandLine().getErr());
        var out = command.commandLine().getOut();
        try (IncusClient client = Connections.open(command)) {
            Adoption adoption = Adoption.select(Engine.incus(client).plan(spec).plan(), spec.lab(),
                    Optional.ofNullable(fromLab), addresses);
            if (!adoption.refused().isEmpty()) {
                throw InfraException.invalidInput(String.join("\n", adoption.refused()));
            }
            for (Change c : adoption.adopt()) {
                Marks.take(client, c.before().get(), Optional.ofNullable(fromLab), spec.lab());
                out.println("adopted " + c.address() + (fromLab == null ? "" : " from lab '" + fromLab + "'"));
            }
            if (!adoption.otherLabs().isEmpty()) {
                out.println("Not adopted, owned by another lab (" + adoption.otherLabsByLab(spec.lab())
                        + "); 'infra adopt --from-lab OTHER' takes them over on purpose.");
            }
            out.println(adoption.adopt().isEmpty() ? "Nothing to adopt." : "Adopted " + adoption.adopt().size()
                    + " object(s); run 'infra plan' to see what else differs.");
            return ExitCode.OK.code();
        } catch (IncusLayer.UnknownHosts | Marks.MarkChanged e) {
            throw InfraException.invalidInput(e.getMessage());
        }
    }
}
