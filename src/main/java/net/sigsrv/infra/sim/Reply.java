package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** What the model answers: sync metadata, an operation to run, or raw bytes (exec output). */
sealed interface Reply {

    static Reply sync(JsonNode metadata) {
        return new Sync(metadata == null ? NullNode.getInstance() : metadata);
    }

    static Reply ok() {
        return new Sync(NullNode.getInstance());
    }

    static Reply async(String description, Map<String, List<String>> resources, String location,
                       Supplier<JsonNode> work) {
        return new Async(description, resources, location, work);
    }

    record Sync(JsonNode metadata) implements Reply {
    }

    /**
     * An operation. {@code work} runs before the answer is sent (the simulation has nothing slow to wait for); a
     * {@link SimError} thrown there fails the operation with its message, as the daemon reports errors that
     * happen after it accepted the request.
     */
    record Async(String description, Map<String, List<String>> resources, String location,
                 Supplier<JsonNode> work) implements Reply {
    }

    record Raw(byte[] bytes) implements Reply {
    }
}
