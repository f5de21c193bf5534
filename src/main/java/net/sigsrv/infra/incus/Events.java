package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.Consumer;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The daemon's event stream ({@code /1.0/events}) over a websocket. A slow reader is disconnected by the daemon;
 * {@code onClosed} tells the caller, who should re-read state after reconnecting.
 */
public final class Events {

    private final IncusClient client;

    Events(IncusClient client) {
        this.client = client;
    }

    /** A live subscription; close it to stop. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Subscribes to {@code types} (e.g. "operation,lifecycle"), optionally for one project or all projects. */
    public Subscription listen(String types, String project, Consumer<JsonNode> onEvent,
                               Consumer<String> onClosed) {
        ApiPath path = ApiPath.of("/1.0/events").with("type", types).project(project);
        WebSocket socket = client.websocket(path, new WebSocketListener() {
            @Override
            public void onMessage(WebSocket webSocket, String text) {
                try {
                    onEvent.accept(Json.MAPPER.readTree(text));
                } catch (IOException e) {
                    onClosed.accept("undecodable event: " + e.getMessage());
                }
            }

            @Override
            public void onClosed(WebSocket webSocket, int code, String reason) {
                onClosed.accept("closed by the daemon (" + code + (reason.isEmpty() ? "" : ": " + reason) + ")");
            }

            @Override
            public void onFailure(WebSocket webSocket, Throwable t, okhttp3.Response response) {
                onClosed.accept("event stream failed: " + t.getMessage());
            }
        });
        return () -> socket.close(1000, "done");
    }
}
