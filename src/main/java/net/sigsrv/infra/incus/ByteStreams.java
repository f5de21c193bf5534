package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.BufferedSink;

/**
 * The client's raw byte streams — file and backup downloads, file push and backup upload — outside the JSON
 * envelope path: bodies are copied in 64 KiB steps with progress, never held whole. Neither way is retried.
 */
final class ByteStreams {

    private static final MediaType OCTETS = MediaType.get("application/octet-stream");
    private final IncusClient client;

    ByteStreams(IncusClient client) {
        this.client = client;
    }

    Fetched fetch(ApiPath path, OutputStream sink, LongConsumer progress) {
        Request request = new Request.Builder().url(client.url(path)).header("User-Agent", "sigsrv-infra").get()
                .build();
        try (okhttp3.Response response = client.http.newCall(request).execute()) {
            if (!response.isSuccessful()) {
                Envelopes.read("GET", path, response);
                throw new IncusException(IncusException.kindOf(response.code()), response.code(), "GET "
                        + path.path() + ": HTTP " + response.code());
            }
            String type = header(response, "Type", "file");
            String mode = header(response, "Mode", "");
            if (type.equals("directory")) {
                JsonNode listing = Json.MAPPER.readTree(response.body().byteStream()).path("metadata");
                List<String> entries = new ArrayList<>();
                listing.forEach(e -> entries.add(e.asText()));
                return new Fetched(type, 0, mode, List.copyOf(entries));
            }
            try (InputStream in = response.body().byteStream()) {
                return new Fetched(type, copy(in, sink::write, progress), mode, List.of());
            }
        } catch (IOException e) {
            throw client.transportFailure("GET", path, e);
        }
    }

    /** {@code file} (null: an empty body) as the body of {@code method path}, with extra headers. */
    Response upload(String method, ApiPath path, Path file, Map<String, String> headers, LongConsumer progress) {
        RequestBody payload = new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTETS;
            }

            @Override
            public long contentLength() throws IOException {
                return file == null ? 0 : Files.size(file);
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                if (file != null) {
                    try (InputStream in = Files.newInputStream(file)) {
                        copy(in, sink::write, progress);
                    }
                }
            }
        };
        Request.Builder request = new Request.Builder().url(client.url(path)).header("User-Agent", "sigsrv-infra")
                .method(method, payload);
        headers.forEach(request::header);
        client.requests.incrementAndGet();
        try (okhttp3.Response response = client.http.newCall(request.build()).execute()) {
            return Envelopes.read(method, path, response);
        } catch (IOException e) {
            throw client.transportFailure(method, path, e);
        }
    }

    private interface Writer {
        void write(byte[] buffer, int offset, int length) throws IOException;
    }

    private static long copy(InputStream in, Writer out, LongConsumer progress) throws IOException {
        long total = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, n);
            total += n;
            progress.accept(total);
        }
        return total;
    }

    private static String header(okhttp3.Response response, String name, String otherwise) {
        String v = response.header("X-Incus-" + name);
        if (v == null) {
            v = response.header("X-LXD-" + name);
        }
        return v == null ? otherwise : v;
    }
}
