package net.sigsrv.infra.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serves a {@link SimModel} over HTTP on loopback: the REST envelope, ETags (SHA-256 of the object's writable
 * fields) with If-Match → 412, operations with {@code /wait}, and the admin endpoint {@code /sim/v1/…} (reset,
 * faults) that only {@code infra sim} uses, and {@code /sim/v1/owner} that proves which process this is. Only
 * requests whose {@code Host} names this server on loopback are answered (421 otherwise). Requests are serialised
 * on the model; the state is saved to its {@link SimStore} at most every 200 ms after a change, and on close.
 */
public final class SimServer implements AutoCloseable {

    private static final List<String> COMPUTED = List.of("used_by", "status", "status_code", "locations", "state",
            "last_used_at", "location", "expanded_config", "expanded_devices", "snapshots", "backups", "managed");
    private final HttpServer http;
    private final SimStore store;
    private final ScheduledExecutorService flusher;
    /** Finished operations, the most recent {@link #KEPT_OPERATIONS}: the daemon too forgets them after a while. */
    private final Map<String, ObjectNode> operations = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, ObjectNode> eldest) {
                    return size() > KEPT_OPERATIONS;
                }
            });
    private static final int KEPT_OPERATIONS = 4096;
    /** No save before this time: saving a large state holds the model, so saves are spaced by 10× their cost. */
    private long nextFlush;
    private SimModel model;
    /** Written to the {@code endpoint} file; a caller checks with it that this server is the lock holder. */
    private final String token;

    private SimServer(SimStore store, SimModel model, int port) throws IOException {
        this.store = store;
        this.model = model;
        byte[] random = new byte[32];
        new java.security.SecureRandom().nextBytes(random);
        this.token = HexFormat.of().formatHex(random);
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/", this::exchange);
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sim-state-flush");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(() -> flush(false), 200, 200, TimeUnit.MILLISECONDS);
        http.start();
    }

    /**
     * Starts a server for the state in {@code store} on loopback ({@code port} 0 picks a free one). The answer
     * every plan asks for first and that takes longest to make — the instance list of all projects — is made on
     * another thread right away (a command opens the simulator while it loads its spec), so the plan finds it
     * ready; a request meanwhile waits for it like for any other.
     */
    public static SimServer start(SimStore store, int port) throws IOException {
        SimServer server = new SimServer(store, new SimModel(store.load()), port);
        Thread.ofPlatform().daemon().name("sim-warm").start(server::warm);
        return server;
    }

    private void warm() {
        synchronized (this) {
            try {
                answerOf(model, new Req("GET", List.of("instances"), Map.of("recursion", "1", "all-projects",
                        "true"), null));
            } catch (IOException | RuntimeException e) {
                // asked later, it fails the same way then, with the daemon's words
            }
        }
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI url() {
        return URI.create("http://" + http.getAddress().getAddress().getHostAddress() + ":"
                + http.getAddress().getPort());
    }

    public SimStore store() {
        return store;
    }

    /** Writes the state if it changed since the last write. */
    public void flush() {
        flush(false);
    }

    private void flush(boolean now) {
        synchronized (this) {
            if (!now && System.nanoTime() < nextFlush) {
                return;
            }
            long start = System.nanoTime();
            if (model.takeDirty()) {
                try {
                    store.save(model.state());
                } catch (IOException e) {
                    System.err.println("sim: cannot save state to " + store.dir() + ": " + e.getMessage());
                }
                nextFlush = System.nanoTime() + 10 * (System.nanoTime() - start);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        flusher.shutdownNow();
        flush(true);
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            Answer a;
            try {
                checkHost(ex.getRequestHeaders().getFirst("Host"));
                a = answer(ex);
            } catch (SimError e) {
                a = error(e.status, e.getMessage());
            } catch (RuntimeException e) {
                a = error(500, "simulator: " + e);
            }
            if (a.etag != null) {
                ex.getResponseHeaders().set("ETag", "\"" + a.etag + "\"");
            }
            ex.getResponseHeaders().set("Content-Type", a.raw ? "application/octet-stream" : "application/json");
            ex.sendResponseHeaders(a.status, a.body.length == 0 ? -1 : a.body.length);
            if (a.body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(a.body);
                }
            }
        }
    }

    private record Answer(int status, byte[] body, String etag, boolean raw) {
    }

    /**
     * Only requests addressed to this server by its loopback name are answered: a web page that rebinds its own
     * DNS name to 127.0.0.1 still sends its name as {@code Host}, so it gets 421 and never the lab.
     */
    private void checkHost(String host) {
        int port = http.getAddress().getPort();
        String h = host == null ? "" : host.toLowerCase(java.util.Locale.ROOT);
        if (!h.equals("127.0.0.1:" + port) && !h.equals("localhost:" + port) && !h.equals("[::1]:" + port)) {
            throw new SimError(421, "the simulator answers only requests for 127.0.0.1:" + port + " or localhost:"
                    + port + ", not Host " + (host == null ? "(none)" : "'" + host + "'"));
        }
    }

    /**
     * The proof that this server is the one that wrote its state directory's {@code endpoint} file: the
     * HMAC-SHA256 of the caller's {@code challenge} keyed with the token in that file, which only the lock
     * holder (and readers of the 0600 file) know. The token itself is never sent.
     */
    static String proof(String token, String challenge) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(challenge.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token of this server's {@code endpoint} file. */
    String token() {
        return token;
    }

    private Answer answer(HttpExchange ex) throws IOException {
        URI uri = ex.getRequestURI();
        List<String> segments = new ArrayList<>();
        for (String s : uri.getRawPath().split("/")) {
            if (!s.isEmpty()) {
                segments.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        Map<String, String> query = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String kv : uri.getRawQuery().split("&")) {
                int eq = kv.indexOf('=');
                query.put(URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        JsonNode body = null;
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readAllBytes();
            if (bytes.length > 0) {
                try {
                    body = J.MAPPER.readTree(bytes);
                } catch (IOException e) {
                    throw SimError.badRequest("failed to decode the request body: " + e.getMessage());
                }
            }
        }
        String method = ex.getRequestMethod();
        if (segments.equals(List.of("sim", "v1", "owner")) && method.equals("GET")) {
            return sync(J.obj().put("proof", proof(token, query.getOrDefault("challenge", ""))), null);
        }
        if (segments.size() >= 2 && segments.get(0).equals("sim") && segments.get(1).equals("v1")) {
            return admin(method, segments.subList(2, segments.size()), body);
        }
        if (segments.isEmpty()) {
            return sync(J.arr(List.of("/1.0")), null);
        }
        if (!segments.get(0).equals("1.0")) {
            throw SimError.notFound("Page");
        }
        Req r = new Req(method, segments.subList(1, segments.size()), query, body);
        if (r.depth() >= 1 && r.seg(0).equals("operations")) {
            return operation(r);
        }
        if (r.depth() >= 1 && r.seg(0).equals("events")) {
            throw SimError.badRequest("the simulator has no event stream (websocket)");
        }
        synchronized (this) {
            String ifMatch = ex.getRequestHeaders().getFirst("If-Match");
            if (ifMatch != null && (r.is("PUT") || r.is("PATCH"))) {
                String given = ifMatch.replace("\"", "");
                String current = etag(model.handle(r.asGet()));
                if (!given.equals(current)) {
                    throw new SimError(412, "ETag doesn't match: " + current + " vs " + given);
                }
            }
            if (cacheable(r)) {
                return answerOf(model, r);
            }
            Reply reply = model.handle(r);
            return switch (reply) {
                case Reply.Sync s -> sync(s.metadata(), r.is("GET") && r.depth() >= 2 && s.metadata().isObject()
                        ? etag(reply) : null);
                case Reply.Raw raw -> new Answer(200, raw.bytes(), null, true);
                case Reply.Async a -> async(a, r.project());
            };
        }
    }

    /**
     * Answers kept until the state changes: instance lists. They are the longest answers by far (all instances
     * with their expanded config and devices), every plan asks for one, and nothing in them changes without a
     * change of the state.
     */
    private static boolean cacheable(Req r) {
        return r.is("GET") && r.depth() == 1 && r.seg(0).equals("instances") && r.recursion() == 1;
    }

    /** The answer to a {@link #cacheable} request, from the model's memo when the state has not changed since. */
    private static Answer answerOf(SimModel model, Req r) throws IOException {
        String key = "answer GET " + r.path() + " " + new java.util.TreeMap<>(r.query());
        byte[] body;
        try {
            body = model.memo(key, () -> {
                try {
                    return sync(((Reply.Sync) model.handle(r)).metadata(), null).body();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return new Answer(200, body, null, false);
    }

    private static String etag(Reply reply) {
        if (!(reply instanceof Reply.Sync s) || !s.metadata().isObject()) {
            return null;
        }
        ObjectNode writable = ((ObjectNode) s.metadata()).deepCopy();
        writable.remove(COMPUTED);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(J.MAPPER.writeValueAsBytes(writable));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private Answer async(Reply.Async a, String project) throws IOException {
        String id = UUID.randomUUID().toString();
        String now = Instant.now().toString();
        ObjectNode op = J.obj().put("id", id).put("class", "task").put("description", a.description())
                .put("created_at", now).put("updated_at", now).put("status", "Running").put("status_code", 103);
        ObjectNode res = op.putObject("resources");
        a.resources().forEach((k, v) -> res.set(k, J.arr(v)));
        op.putNull("metadata");
        op.put("may_cancel", false).put("err", "").put("location", a.location() == null ? "none" : a.location());
        ObjectNode running = op.deepCopy();
        try {
            JsonNode result = a.work().get();
            op.set("metadata", result == null ? NullNode.getInstance() : result);
            op.put("status", "Success").put("status_code", 200);
        } catch (SimError e) {
            op.put("status", "Failure").put("status_code", 400).put("err", e.getMessage());
        }
        operations.put(id, op);
        ObjectNode envelope = J.obj().put("type", "async").put("status", "Operation created").put("status_code", 100)
                .put("operation", "/1.0/operations/" + id + (project.equals("default") ? "" : "?project=" + project))
                .put("error_code", 0).put("error", "");
        envelope.set("metadata", running);
        return new Answer(202, J.MAPPER.writeValueAsBytes(envelope), null, false);
    }

    private Answer operation(Req r) throws IOException {
        if (r.depth() == 1) {
            ObjectNode byStatus = J.obj();
            List<String> done = new ArrayList<>();
            operations.keySet().forEach(id -> done.add("/1.0/operations/" + id));
            byStatus.set("success", J.arr(done));
            return sync(byStatus, null);
        }
        ObjectNode op = operations.get(r.seg(1));
        if (op == null) {
            throw SimError.notFound("Operation");
        }
        if (r.is("DELETE")) {
            throw SimError.badRequest("Only running operations can be cancelled");
        }
        return sync(op, null);
    }

    private Answer admin(String method, List<String> path, JsonNode body) throws IOException {
        String what = path.isEmpty() ? "" : path.getFirst();
        synchronized (this) {
            switch (what) {
                case "reset" -> {
                    List<String> members = new ArrayList<>();
                    if (body != null) {
                        body.path("members").forEach(x -> members.add(x.asText()));
                    }
                    String flavour = body == null ? "incus" : J.text(body, "flavour", "incus");
                    try {
                        model = new SimModel(SimModel.fresh(members.isEmpty() ? SimModel.DEFAULT_MEMBERS : members,
                                flavour));
                    } catch (IllegalArgumentException e) {
                        throw SimError.badRequest(e.getMessage());
                    }
                    operations.clear();
                    model.changed();
                    return sync(J.obj().put("message", "reset: " + String.join(", ", members.isEmpty()
                            ? SimModel.DEFAULT_MEMBERS : members) + " (" + flavour + ")"), null);
                }
                case "fault" -> {
                    if (body == null || !method.equals("POST")) {
                        throw SimError.badRequest("POST {command, args[]}");
                    }
                    List<String> args = new ArrayList<>();
                    body.path("args").forEach(x -> args.add(x.asText()));
                    String message = model.faults.run(J.text(body, "command", ""), args);
                    return sync(J.obj().put("message", message), null);
                }
                default -> throw SimError.notFound("Page");
            }
        }
    }

    private static Answer sync(JsonNode metadata, String etag) throws IOException {
        ObjectNode envelope = J.obj().put("type", "sync").put("status", "Success").put("status_code", 200)
                .put("operation", "").put("error_code", 0).put("error", "");
        envelope.set("metadata", metadata);
        return new Answer(200, J.MAPPER.writeValueAsBytes(envelope), etag, false);
    }

    private static Answer error(int status, String message) {
        ObjectNode envelope = J.obj().put("type", "error").put("status", "").put("status_code", 0)
                .put("operation", "").put("error_code", status).put("error", message);
        envelope.putNull("metadata");
        try {
            return new Answer(status, J.MAPPER.writeValueAsBytes(envelope), null, false);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
