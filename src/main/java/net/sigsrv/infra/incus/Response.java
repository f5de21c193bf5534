package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A successful answer: sync metadata, or the operation an async request started.
 *
 * @param status    HTTP status (200, 201, 202)
 * @param metadata  the envelope's metadata (for async answers, the operation as first reported)
 * @param etag      the ETag header, when the daemon sent one
 * @param operation the operation path (e.g. {@code /1.0/operations/<uuid>}) of an async answer
 */
public record Response(int status, JsonNode metadata, Optional<String> etag, Optional<String> operation) {

    public boolean isAsync() {
        return operation.isPresent();
    }
}
