package net.sigsrv.infra.incus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLHandshakeException;
import net.sigsrv.infra.incus.api.Operation;
import net.sigsrv.infra.incus.api.ServerInfo;
import net.sigsrv.infra.incus.transport.HttpClients;
import net.sigsrv.infra.incus.transport.PinnedTrustManager;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * One daemon (or cluster) behind one endpoint. Speaks the REST envelope: sync answers return their metadata,
 * async answers an operation to {@link #await}; errors become {@link IncusException} with the daemon's message.
 * PUT and PATCH take the ETag read before (sent as If-Match); a mismatch is {@link IncusException.Kind#CHANGED}.
 * Reads are retried with backoff on connection failures and 5xx answers; writes never are. Thread-safe.
 */
public final class IncusClient implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");
    private static final int READ_ATTEMPTS = 3;
    /**
     * Reads are retried only while they fail fast: a member that is down makes the daemon answer 5xx only after its
     * own timeout (~10 s), and three of those would stall a plan for half a minute to learn the same thing.
     */
    private static final Duration RETRY_WINDOW = Duration.ofSeconds(2);
    /** Server-side wait per {@code /wait} call; the read timeout allows a margin on top. */
    private static final Duration WAIT_SLICE = Duration.ofSeconds(30);

    private final Endpoint endpoint;
    final OkHttpClient http;
    private final HttpUrl base;
    private volatile ServerInfo server;
    private volatile RequestListener listener = RequestListener.NONE;
    /** Mutating requests whose operation has not been waited for yet, by operation path. */
    private final Map<String, RequestListener.Call> pending = new java.util.concurrent.ConcurrentHashMap<>();
    /** What each mutating request changes, by name, for the listener. */
    private final RequestChanges changes = new RequestChanges();
    final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    private IncusClient(Endpoint endpoint, OkHttpClient http, HttpUrl base) {
        this.endpoint = endpoint;
        this.http = http;
        this.base = base;
    }

    public static IncusClient connect(Endpoint endpoint) {
        Duration read = WAIT_SLICE.plusSeconds(30);
        try {
            return switch (endpoint) {
                case Endpoint.Unix u -> new IncusClient(endpoint, HttpClients.unix(u.socket(), read),
                        HttpUrl.get("http://incus.socket/"));
                case Endpoint.Https h -> new IncusClient(endpoint, HttpClients.https(h.clientCert().orElse(null),
                        h.clientKey().orElse(null), h.pinned(), read), HttpUrl.get(h.url().resolve("/")));
                case Endpoint.Http h -> new IncusClient(endpoint, HttpClients.plain(read),
                        HttpUrl.get(h.url().resolve("/")));
            };
        } catch (IOException e) {
            throw new IncusException(IncusException.Kind.UNREACHABLE, 0, endpoint.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public Cluster cluster() {
        return new Cluster(this);
    }

    public Projects projects() {
        return new Projects(this);
    }

    public Networks networks() {
        return new Networks(this);
    }

    public Storage storage() {
        return new Storage(this);
    }

    public Instances instances() {
        return new Instances(this);
    }

    public Events events() {
        return new Events(this);
    }

    /** {@code GET /1.0}, read once per client. */
    public ServerInfo server() {
        ServerInfo s = server;
        if (s == null) {
            s = get(ApiPath.of("/1.0"), new TypeReference<ServerInfo>() { });
            server = s;
        }
        return s;
    }

    /** Reports every mutating request to {@code l} from now on (the audit log). Returns this client. */
    public IncusClient listen(RequestListener l) {
        this.listener = l == null ? RequestListener.NONE : l;
        return this;
    }

    /** HTTP requests this client has sent so far, retries included (for {@code --stats} and benchmarks). */
    public long requests() {
        return requests.get();
    }

    /** GETs {@code path} and maps its metadata to {@code type}. */
    public <T> T get(ApiPath path, TypeReference<T> type) {
        return convert(send("GET", path, null, null).metadata(), type, path);
    }

    /** GETs {@code path} and returns the metadata with the ETag to send back on PUT/PATCH. */
    public <T> Tagged<T> getTagged(ApiPath path, TypeReference<T> type) {
        Response r = send("GET", path, null, null);
        changes.read(path, r.etag().orElse(""), r.metadata());
        return new Tagged<>(convert(r.metadata(), type, path), r.etag().orElse(""));
    }

    /**
     * Sends a request and returns the answer without waiting for an operation it starts. {@code ifMatch} is the
     * ETag from {@link #getTagged}, or null.
     */
    public Response send(String method, ApiPath path, Object body, String ifMatch) {
        if (method.equals("GET")) {
            return exchange(method, path, body, ifMatch);
        }
        return audited(method, path, changes.of(method, path, body, ifMatch),
                () -> exchange(method, path, body, ifMatch));
    }

    /**
     * Runs a mutating request and reports it to the listener (async ones once their operation ends). A listener
     * that cannot record it refuses it before it is sent ({@link RequestListener.Refused}).
     */
    Response audited(String method, ApiPath path, RequestListener.Change change,
                     java.util.function.Supplier<Response> request) {
        listener.starting(method, path);
        java.time.Instant started = java.time.Instant.now();
        long t0 = System.nanoTime();
        try {
            Response r = request.get();
            RequestListener.Call call = new RequestListener.Call(started, method, path,
                    RequestListener.Outcome.SUCCESS, r.status(), "", Duration.ofNanos(System.nanoTime() - t0), "",
                    "", change);
            if (r.isAsync()) {
                pending.put(r.operation().get(), call);
            } else {
                report(call);
            }
            return r;
        } catch (IncusException e) {
            report(new RequestListener.Call(started, method, path, e.kind() == IncusException.Kind.TIMEOUT
                    ? RequestListener.Outcome.TIMEOUT : RequestListener.Outcome.FAILURE, e.status(),
                    String.valueOf(e.getMessage()), Duration.ofNanos(System.nanoTime() - t0), "", "", change));
            throw e;
        }
    }

    private void report(RequestListener.Call call) {
        try {
            listener.completed(call);
        } catch (RequestListener.Refused e) {
            throw e; // the change is not recorded: the command must not pass for a success
        } catch (RuntimeException e) {
            // any other trouble of a listener is its own, not the request's
        }
    }

    /** The final result of an operation a mutating request started, for the listener. */
    private void finished(String op, Operation o, RequestListener.Outcome outcome, String error) {
        RequestListener.Call started = pending.remove(op);
        if (started != null) {
            report(new RequestListener.Call(started.started(), started.method(), started.path(), outcome,
                    started.status(), error, Duration.between(started.started(), java.time.Instant.now()),
                    o == null || o.description() == null ? "" : o.description(),
                    o == null || o.location() == null ? "" : o.location(), started.change()));
        }
    }

    /**
     * GETs {@code path} and reads its metadata as {@code type} while the body streams in, without holding the
     * answer as text and as a tree first: for the long lists (hundreds of instances) that time is on the path of
     * every plan. Errors, retries and their messages are those of {@link #get}.
     */
    public <T> T getStreamed(ApiPath path, TypeReference<T> type) {
        return exchange("GET", path, null, null, response -> Envelopes.readStreamed(path, response, type));
    }

    private Response exchange(String method, ApiPath path, Object body, String ifMatch) {
        return exchange(method, path, body, ifMatch, response -> Envelopes.read(method, path, response));
    }

    /** Reads one HTTP answer; called once per attempt, with the response still open. */
    private interface AnswerReader<T> {
        T read(okhttp3.Response response) throws IOException;
    }

    private <T> T exchange(String method, ApiPath path, Object body, String ifMatch, AnswerReader<T> reader) {
        Request.Builder request = new Request.Builder().url(url(path))
                .header("User-Agent", "sigsrv-infra");
        if (ifMatch != null && !ifMatch.isEmpty()) {
            request.header("If-Match", ifMatch);
        }
        RequestBody payload = body == null ? (method.equals("GET") || method.equals("DELETE") ? null
                : RequestBody.create(new byte[0], JSON)) : RequestBody.create(encode(body), JSON);
        request.method(method, payload);
        int attempts = method.equals("GET") ? READ_ATTEMPTS : 1;
        long start = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            requests.incrementAndGet();
            try (okhttp3.Response response = http.newCall(request.build()).execute()) {
                return reader.read(response);
            } catch (IncusException e) {
                // A read answered 5xx is retried too: a cluster member that just restarted briefly answers
                // "Missing event connection with target cluster member" before it settles.
                if (attempt >= attempts || e.status() < 500 || spent(start)) {
                    throw e;
                }
                sleep(Duration.ofMillis(100L << (2 * (attempt - 1))));
            } catch (IOException e) {
                IncusException failure = transportFailure(method, path, e);
                if (attempt >= attempts || failure.kind() == IncusException.Kind.UNTRUSTED_SERVER || spent(start)) {
                    throw failure;
                }
                sleep(Duration.ofMillis(100L << (2 * (attempt - 1))));
            }
        }
    }

    /** Sends a request and, when it starts an operation, waits for it. Returns the final operation, if any. */
    public Optional<Operation> call(String method, ApiPath path, Object body, String ifMatch, Duration timeout) {
        Response r = send(method, path, body, ifMatch);
        return r.isAsync() ? Optional.of(await(r, timeout)) : Optional.empty();
    }

    /**
     * Waits for the operation an async answer started, in slices of the server-side {@code /wait} so a slow
     * operation never trips the HTTP read timeout. Throws with the daemon's {@code err} when it fails.
     */
    public Operation await(Response started, Duration timeout) {
        String op = started.operation().orElseThrow(() -> new IllegalArgumentException("not an async answer"));
        // The daemon names an operation of a project /1.0/operations/ID?project=P: /wait goes on the path, not
        // after the query (that would be no wait at all, and a busy loop against the daemon).
        ApiPath wait = ApiPath.parse(op).child("wait");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toSeconds());
            long slice = Math.min(left, WAIT_SLICE.toSeconds());
            Operation o;
            try {
                o = get(wait.with("timeout", String.valueOf(slice)), new TypeReference<Operation>() { });
            } catch (IncusException e) {
                if (e.kind() != IncusException.Kind.NOT_FOUND) {
                    finished(op, null, RequestListener.Outcome.FAILURE, "waiting for the operation: "
                            + e.getMessage());
                    throw e;
                }
                finished(op, null, RequestListener.Outcome.FAILURE, "the operation is gone from the daemon before"
                        + " it reported its end");
                // operations live in the memory of the member running them: it restarted, or it forgot the
                // operation after finishing it; either way nobody can say how it ended
                throw new IncusException(IncusException.Kind.OPERATION_FAILED, e.status(), "operation " + op
                        + " is gone from the daemon before it reported its end (did its member restart?); whether"
                        + " it took effect shows in the next plan", e);
            }
            if (o.isDone()) {
                if (!o.succeeded()) {
                    finished(op, o, RequestListener.Outcome.FAILURE, o.status() + ": " + o.err());
                    throw new IncusException(IncusException.Kind.OPERATION_FAILED, 0, o.description() + " ("
                            + op + ") " + o.status().toLowerCase() + ": " + o.err());
                }
                finished(op, o, RequestListener.Outcome.SUCCESS, "");
                return o;
            }
            if (System.nanoTime() >= deadline) {
                finished(op, o, RequestListener.Outcome.TIMEOUT, "still " + o.status().toLowerCase() + " after "
                        + timeout.toSeconds() + "s");
                throw new IncusException(IncusException.Kind.TIMEOUT, 0, o.description() + " (" + op
                        + ") still " + o.status().toLowerCase() + " after " + timeout.toSeconds() + "s");
            }
        }
    }

    /**
     * GETs raw bytes (exec output logs, backup tarballs) into {@code sink}, reporting bytes copied so far to
     * {@code progress}. Returns the byte count. Not retried: a partial stream cannot be resumed safely.
     */
    public long download(ApiPath path, OutputStream sink, LongConsumer progress) {
        return fetch(path, sink, progress).size();
    }

    /** A GET of an instance's file path: a file streamed into {@code sink}, or a directory's entries. */
    public Fetched fetch(ApiPath path, OutputStream sink, LongConsumer progress) {
        return new ByteStreams(this).fetch(path, sink, progress);
    }

    /**
     * Sends {@code file} as a raw {@code application/octet-stream} body (file push, backup import) with extra
     * headers, reporting bytes sent so far to {@code progress}; a null {@code file} sends an empty body (a directory
     * made by file push). Returns the answer without waiting for an operation it starts. Not retried: the daemon
     * may have taken part of the stream.
     */
    public Response upload(String method, ApiPath path, java.nio.file.Path file, Map<String, String> headers,
                           LongConsumer progress) {
        return audited(method, path, RequestListener.Change.NONE,
                () -> new ByteStreams(this).upload(method, path, file, headers, progress));
    }

    /** The underlying HTTP client and base URL, for the event stream's websocket. */
    okhttp3.WebSocket websocket(ApiPath path, okhttp3.WebSocketListener listener) {
        HttpUrl u = url(path);
        return http.newWebSocket(new Request.Builder().url(u).header("User-Agent", "sigsrv-infra").build(),
                listener);
    }

    /** Why a websocket did not open: the daemon's refusal (HTTP status) or the transport failure. */
    IncusException websocketFailure(ApiPath path, Throwable t, okhttp3.Response response) {
        if (response != null && response.code() >= 400) {
            try {
                Envelopes.read("GET", path, response);
            } catch (IncusException refused) {
                return refused;
            } catch (IOException | RuntimeException unreadable) {
                // fall through to the status alone
            }
            return new IncusException(IncusException.kindOf(response.code()), response.code(), "GET " + path.path()
                    + ": HTTP " + response.code());
        }
        if (t instanceof IOException io) {
            return transportFailure("GET", path, io);
        }
        return new IncusException(IncusException.Kind.FAILED, response == null ? 0 : response.code(), "GET "
                + path.path() + " on " + endpoint.describe() + ": cannot open the websocket: " + t.getMessage(), t);
    }

    HttpUrl url(ApiPath path) {
        return HttpUrl.get(URI.create(base.toString()).resolve(path.render()));
    }

    private static byte[] encode(Object body) {
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode request body: " + e.getOriginalMessage(), e);
        }
    }

    private static <T> T convert(JsonNode node, TypeReference<T> type, ApiPath path) {
        try {
            return Json.MAPPER.convertValue(node, type);
        } catch (IllegalArgumentException e) {
            throw new IncusException(IncusException.Kind.FAILED, 200, "GET " + path.path()
                    + ": unexpected answer from the daemon: " + e.getMessage(), e);
        }
    }

    IncusException transportFailure(String method, ApiPath path, IOException e) {
        String what = method + " " + path.path() + " on " + endpoint.describe();
        boolean certificateRefused = false;
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PinnedTrustManager.UntrustedServerCertificate u) {
                return new IncusException(IncusException.Kind.UNTRUSTED_SERVER, 0, what + ": " + u.getMessage()
                        + "; if this is your server, pin its certificate (compare the fingerprint with"
                        + " `incus info` on the host)", e);
            }
            certificateRefused |= cause instanceof CertificateException;
        }
        if (e instanceof SSLHandshakeException) {
            // only a refused certificate is a trust problem; a connection closed mid-handshake is a connection
            // failure like any other (and a read may be retried after it)
            return new IncusException(certificateRefused ? IncusException.Kind.UNTRUSTED_SERVER
                    : IncusException.Kind.UNREACHABLE, 0, what + ": TLS handshake failed: " + e.getMessage(), e);
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return new IncusException(IncusException.Kind.TIMEOUT, 0, what + ": no answer in time", e);
        }
        String reason = e instanceof ConnectException ? "connection refused" : e.getMessage();
        return new IncusException(IncusException.Kind.UNREACHABLE, 0, what + ": " + reason, e);
    }

    private static boolean spent(long start) {
        return System.nanoTime() - start > RETRY_WINDOW.toNanos();
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncusException(IncusException.Kind.TIMEOUT, 0, "interrupted", e);
        }
    }

    @Override
    public void close() {
        try {
            pending.keySet().forEach(op -> finished(op, null, RequestListener.Outcome.STARTED, ""));
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
