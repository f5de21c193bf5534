package net.sigsrv.infra.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.remote.Remote;
import net.sigsrv.infra.incus.remote.Remotes;
import net.sigsrv.infra.sim.Sim;
import net.sigsrv.infra.spec.schema.Suggest;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Picks the daemon a command talks to: the simulator with {@code --sim}, else {@code --remote} /
 * {@code INFRA_REMOTE}, else the incus CLI's default remote, else the local socket. Unknown names are bad input, with the known names listed.
 */
final class Connections {

    private Connections() {
    }

    static IncusClient open(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        Optional<Path> sim = root.sim();
        if (sim.isPresent()) {
            if (root.remote != null && !root.remote.isBlank()) {
                throw InfraException.invalidInput("--sim and --remote " + root.remote + " name two different labs;"
                        + " give one of them");
            }
            return IncusClient.connect(simulator(sim.get()));
        }
        return IncusClient.connect(resolve(command).endpoint());
    }

    /** The simulator serving {@code dir}: another process's, or one started in this JVM. */
    static Endpoint simulator(Path dir) {
        try {
            return Sim.endpoint(dir);
        } catch (IOException e) {
            throw InfraException.invalidInput("cannot start the simulator with state in " + dir + ": "
                    + e.getMessage());
        }
    }

    static Remote resolve(CommandSpec command) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        Remotes remotes = Remotes.fromEnvironment();
        try {
            Map<String, Remote> all = remotes.all();
            Optional<String> name = root.remote();
            if (name.isEmpty()) {
                name = remotes.own().defaultRemote().filter(all::containsKey);
            }
            if (name.isPresent()) {
                Remote r = all.get(name.get());
                if (r == null) {
                    throw InfraException.invalidInput("no remote named '" + name.get() + "'"
                            + Suggest.hint(name.get(), all.keySet()) + "; known remotes: "
                            + (all.isEmpty() ? "none" : String.join(", ", all.keySet()))
                            + ". Add one with 'infra remote add NAME URL --token TOKEN'.");
                }
                return r;
            }
            return remotes.local().orElseThrow(() -> InfraException.invalidInput("no Incus daemon to talk to: no"
                    + " --remote given, and no local socket (/var/lib/incus/unix.socket, /var/lib/lxd/unix.socket)."
                    + " Known remotes: " + (all.isEmpty() ? "none" : String.join(", ", all.keySet())) + "."));
        } catch (IOException e) {
            throw InfraException.invalidInput("cannot read remote configuration: " + e.getMessage());
        }
    }
}
