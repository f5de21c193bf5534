package net.sigsrv.infra.incus.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A background operation as the daemon reports it. {@code statusCode} 200 is success, 400 failure, 401
 * cancelled; below 200 it is still running. {@code err} holds the daemon's message on failure.
 */
public record Operation(String id, String description, String status, int statusCode, String err,
                        Map<String, List<String>> resources, JsonNode metadata, String location) {

    @JsonIgnore
    public boolean isDone() {
        return statusCode >= 200;
    }

    @JsonIgnore
    public boolean succeeded() {
        return statusCode == 200;
    }
}
