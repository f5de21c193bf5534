package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code POST /1.0/instances/NAME/exec} with {@code record-output}: runs a probe command ({@link Probes}) and
 * answers, like the daemon, with an operation whose metadata names the recorded stdout and stderr, which are then
 * read (and deleted) under {@code /1.0/instances/NAME/logs/}.
 */
final class Exec {

    private final SimModel m;
    private final Instances instances;
    /** Recorded exec output, by log path; kept in memory only, like the daemon's log files until deleted. */
    private final Map<String, byte[]> logs = new ConcurrentHashMap<>();

    Exec(SimModel m, Instances instances) {
        this.m = m;
        this.instances = instances;
    }

    Reply run(SimState.Inst i, JsonNode body) {
        m.reachable(i.location);
        if (!i.status.equals("Running")) {
            throw SimError.badRequest("Instance is not running");
        }
        List<String> command = new ArrayList<>();
        body.path("command").forEach(c -> command.add(c.asText()));
        Probes.Result result = new Probes(m, instances).run(i, command);
        String id = m.nextSerial();
        String base = "/1.0/instances/" + Instances.name(i) + "/logs/exec_" + id;
        logs.put(base + ".stdout", result.stdout().getBytes(StandardCharsets.UTF_8));
        logs.put(base + ".stderr", result.stderr().getBytes(StandardCharsets.UTF_8));
        return Reply.async("Executing command", Instances.resources(i), i.location, () -> {
            ObjectNode meta = J.obj().put("return", result.exit());
            meta.putObject("output").put("1", base + ".stdout").put("2", base + ".stderr");
            return meta;
        });
    }

    Reply logFile(Req r) {
        String path = "/1.0/instances/" + r.seg(1) + "/logs/" + r.seg(3);
        byte[] bytes = logs.get(path);
        if (bytes == null) {
            throw SimError.notFound("Log file");
        }
        if (r.is("DELETE")) {
            logs.remove(path);
            return Reply.ok();
        }
        return new Reply.Raw(bytes);
    }
}
