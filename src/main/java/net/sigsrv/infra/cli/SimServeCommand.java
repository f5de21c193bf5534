package net.sigsrv.infra.cli;

import java.io.IOException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import net.sigsrv.infra.sim.Sim;
import net.sigsrv.infra.sim.SimStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

@Category("Simulator")
@Command(name = "serve", mixinStandardHelpOptions = true,
        header = "Run the simulator in the foreground for other processes and clients, until Ctrl-C.",
        description = "Serves the state in --sim-dir on 127.0.0.1 (plain HTTP, loopback only). While it runs,"
                + " 'infra --sim' in other shells (same --sim-dir) talks to it, and so can any Incus API client.")
final class SimServeCommand implements Callable<Integer> {

    @Option(names = "--port", paramLabel = "N", description = "TCP port on 127.0.0.1 (default: 0, any free one).")
    int port;

    @picocli.CommandLine.Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InfraCommand root = (InfraCommand) command.root().userObject();
        SimStore store = new SimStore(root.simDir());
        Sim.Served served = Sim.serve(store, port);
        if (served == null) {
            throw InfraException.invalidInput("the simulator state in " + store.dir() + " is already served by"
                    + " another process; stop it first, or use it with 'infra --sim --sim-dir " + root.simDir()
                    + " …'");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                served.close();
            } catch (IOException e) {
                // exiting anyway
            }
            stopped.countDown();
        }, "sim-serve-stop"));
        var out = command.commandLine().getOut();
        out.println("Simulated Incus cluster serving " + store.dir() + " on " + served.server().url());
        out.println("  infra --sim --sim-dir " + root.simDir() + " hosts     # infra in another shell");
        out.println("  curl -s " + served.server().url() + "/1.0/cluster/members?recursion=1   # any API client");
        out.println("Ctrl-C stops it (the state is saved).");
        out.flush();
        stopped.await();
        return ExitCode.OK.code();
    }
}
