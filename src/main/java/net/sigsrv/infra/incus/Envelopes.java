package net.sigsrv.infra.incus;

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

    private static String unquote(String etag) {
        return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
                ? etag.substring(1, etag.length() - 1) : etag;
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
