package net.sigsrv.infra.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.Json;
import net.sigsrv.infra.incus.remote.Remote;
import net.sigsrv.infra.incus.remote.TrainingFront;
import net.sigsrv.infra.sim.Sim;

/**
 * The lab of the launcher's class-cache training run, which the launcher asks for with
 * {@code -Dinfra.train=SPEC} and {@code INFRA_LAB_JSON=DIR/lab.json}: SPEC applied on a simulator with state in
 * {@code DIR/sim}, behind a {@link TrainingFront} (HTTPS, HTTP/2, client certificate), described in
 * {@code DIR/lab.json} as {@code lab/up} describes a lab. The command of the training run then names
 * {@code --remote lab} and takes the path of a real remote command — early connection, remote resolution, TLS,
 * HTTP/2, the reads of a lab that already holds the spec — against this machine's loopback only: when {@code lab}
 * resolves to anything but this front (a user's own remote of that name), training stops here.
 */
final class Training {

    static final String SPEC = "infra.train";

    private Training() {
    }

    /** Sets up the training lab when this is the training run; the front stays up until the JVM exits. */
    static void prepare() throws Exception {
        String spec = System.getProperty(SPEC);
        String labJson = System.getenv("INFRA_LAB_JSON");
        if (spec == null) {
            return;
        }
        if (labJson == null) {
            throw new IllegalStateException("the training run needs INFRA_LAB_JSON");
        }
        Path dir = Path.of(labJson).toAbsolutePath().getParent();
        Path sim = dir.resolve("sim");
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream());
        Main.run(new String[] {"--sim", "--sim-dir", sim.toString(), "apply", "--auto-approve", spec}, discard,
                discard);
        Path tls = Files.createDirectories(dir.resolve("tls"));
        TrainingFront front = TrainingFront.start(tls, Sim.endpoint(sim).url());
        ObjectNode lab = Json.MAPPER.createObjectNode();
        lab.putArray("members").addObject().put("name", "training").put("url", front.url().toString());
        lab.putObject("client").put("certificate", front.clientCertificate().toString())
                .put("key", front.clientKey().toString());
        lab.putObject("cluster").put("certificate", tls.resolve("server.crt").toString());
        Json.MAPPER.writeValue(Path.of(labJson).toFile(), lab);
        Remote resolved = Connections.resolve(Optional.of("lab"));
        if (!(resolved.endpoint() instanceof Endpoint.Https https) || !https.url().equals(front.url())) {
            throw new IllegalStateException("'lab' names another remote here (" + resolved.origin() + ")");
        }
    }
}
