package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.util.Optional;

/** Reads the REST envelope ({@code type: sync|async|error}) of one HTTP response. */
final class Envelopes {

    private Envelopes() {
    }

    static Response read(String method, ApiPath path, okhttp3.Response http) throws IOException {
        String text = http.body().string();
        JsonNode root;
        try {
            root = text.isBlank() ? NullNode.instance : Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IncusException(IncusException.kindOf(http.code()), http.code(), method + " " + path.path()
                    + ": HTTP " + http.code() + " with a body that is not JSON: " + abbreviate(text), e);
        }
        String type = root.path("type").asText("");
        if (type.equals("error") || http.code() >= 400) {
            int code = root.path("error_code").asInt(http.code());
            String message = root.path("error").asText("HTTP " + http.code());
            if (code == 412) {
                message = "changed since it was read (someone else changed it underneath you; read it again and"
                        + " reapply the change): " + message;
            }
            throw new IncusException(IncusException.kindOf(code), code, method + " " + path.path() + ": "
                    + message);
        }
        Optional<String> etag = Optional.ofNullable(http.header("ETag")).map(Envelopes::unquote);
        Optional<String> operation = type.equals("async")
                ? Optional.of(root.path("operation").asText()).filter(s -> !s.isEmpty())
                : Optional.empty();
        if (type.equals("async") && operation.isEmpty()) {
            // nothing to wait for: treating it as done would report success for work that may still fail
            throw new IncusException(IncusException.Kind.FAILED, http.code(), method + " " + path.path()
                    + ": the daemon answered async (HTTP " + http.code() + ") without naming the operation");
        }
        return new Response(http.code(), root.path("metadata"), etag, operation);
    }

    /**
     * Reads a sync answer's metadata as {@code type} while the body streams in (field order in the envelope does not
     * matter). Anything but a 200 takes {@link #read}'s path and its errors; an answer that does not map to
     * {@code type} fails as the daemon's, never as the transport's (it is not retried).
     */
    static <T> T readStreamed(ApiPath path, okhttp3.Response http, TypeReference<T> type) throws IOException {
        if (http.code() != 200) {
            return convert(path, read("GET", path, http).metadata(), type);
        }
        String kind = "";
        T metadata = null;
        int errorCode = 0;
        String error = "";
        try (JsonParser p = Json.MAPPER.createParser(http.body().byteStream())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IncusException(IncusException.Kind.FAILED, 200, "GET " + path.path()
                        + ": HTTP 200 with a body that is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "type" -> kind = p.getValueAsString("");
                    case "metadata" -> metadata = p.currentToken() == JsonToken.VALUE_NULL ? null
                            : Json.MAPPER.readValue(p, type);
                    case "error_code" -> errorCode = p.getValueAsInt(0);
                    case "error" -> error = p.getValueAsString("");
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IncusException(IncusException.Kind.FAILED, 200, "GET " + path.path()
                    + ": unexpected answer from the daemon: " + e.getOriginalMessage(), e);
        }
        if (kind.equals("error")) {
            int code = errorCode == 0 ? 200 : errorCode;
            throw new IncusException(IncusException.kindOf(code), code, "GET " + path.path() + ": "
                    + (error.isEmpty() ? "HTTP 200" : error));
        }
        if (!kind.equals("sync")) {
            throw new IncusException(IncusException.Kind.FAILED, 200, "GET " + path.path()
                    + ": the daemon answered '" + kind + "' where a sync answer was expected");
        }
        return metadata != null ? metadata : convert(path, NullNode.instance, type);
    }

    private static <T> T convert(ApiPath path, JsonNode node, TypeReference<T> type) {
        try {
            return Json.MAPPER.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new IncusException(IncusException.Kind.FAILED, 200, "GET " + path.path()
                    + ": unexpected answer from the daemon: " + e.getMessage(), e);
        }
    }

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
