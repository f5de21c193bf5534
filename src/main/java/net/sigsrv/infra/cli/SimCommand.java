package net.sigsrv.infra.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import net.sigsrv.infra.incus.ApiPath;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

@Category("Simulator")
@Command(name = "sim",
        mixinStandardHelpOptions = true,
        header = "Manage the embedded simulated Incus cluster that --sim talks to.",
        description = "The simulator serves the Incus REST API on 127.0.0.1 with its state in --sim-dir (default"
                + " .infra/sim). It has the members sigsrv and minisrv (the hosts of examples/sigsrv.yaml) with the"
                + " VLAN interfaces sigsrv0, incus0 and user0 unless 'infra sim reset --members' says otherwise.",
        subcommands = {SimResetCommand.class, SimServeCommand.class, SimFaultCommand.class})
final class SimCommand extends CommandGroup {

    /** Sends one admin request to the simulator of {@code command}'s --sim-dir; returns its message. */
    static String admin(CommandSpec command, String what, Map<String, Object> body) {
        InfraCommand root = (InfraCommand) command.root().userObject();
        try (IncusClient client = IncusClient.connect(Connections.simulator(root.simDir()))) {
            JsonNode answer = client.send("POST", new ApiPath("/sim/v1/" + what, Map.of()), body, null).metadata();
            return answer.path("message").asText();
        } catch (IncusException e) {
            if (e.status() == 400 || e.status() == 404) {
                throw InfraException.invalidInput(e.getMessage().replaceFirst("^POST /sim/v1/\\w+: ", ""));
            }
            throw e;
        }
    }
}
