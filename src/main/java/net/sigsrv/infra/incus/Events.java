package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/**
 * The daemon's event stream ({@code /1.0/events}) over a websocket. A slow reader is disconnected by the daemon;
 * {@code onClosed} tells the caller, who should re-read state after reconnecting.
 */
public final class Events {

    /** How long {@link #listen} waits for the daemon to accept the websocket. */
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(15);

    private final IncusClient client;

    Events(IncusClient client) {
        this.client = client;
    }

    /** A live subscription; close it to stop. */
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Subscribes to {@code types} (e.g. "operation,lifecycle"), optionally for one project or all projects.
     * Returns once the daemon has accepted the stream, so no event after the return is missed; a refused or
     * unreachable stream throws here rather than being reported later through {@code onClosed}.
     */
    public Subscription listen(String types, String project, Consumer<JsonNode> onEvent,
                               Consumer<String> onClosed) {
        ApiPath path = ApiPath.of("/1.0/events").with("type", types).project(project);
        CountDownLatch settled = new CountDownLatch(1);
        AtomicReference<IncusException> refused = new AtomicReference<>();
        WebSocket socket = client.websocket(path, new WebSocketListener() {
            @Override
            public void onOpen(WebSocket webSocket, okhttp3.Response response) {
                settled.countDown();
            }

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
                if (settled.getCount() > 0) {
                    refused.set(client.websocketFailure(path, t, response));
                    settled.countDown();
                } else {
                    onClosed.accept("event stream failed: " + t.getMessage());
                }
            }
        });
        try {
            if (!settled.await(OPEN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                socket.cancel();
                throw new IncusException(IncusException.Kind.TIMEOUT, 0, "GET " + path.path() + " on "
                        + client.endpoint().describe() + ": the event stream did not open within "
                        + OPEN_TIMEOUT.toSeconds() + "s");
            }
        } catch (InterruptedException e) {
            socket.cancel();
            Thread.currentThread().interrupt();
            throw new IncusException(IncusException.Kind.TIMEOUT, 0, "interrupted while opening the event stream",
                    e);
        }
        if (refused.get() != null) {
            throw refused.get();
        }
        return () -> socket.close(1000, "done");
    }
}
