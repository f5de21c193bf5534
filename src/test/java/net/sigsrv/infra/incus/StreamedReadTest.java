package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import net.sigsrv.infra.incus.api.Instance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The instance list read as it streams in ({@link IncusClient#getStreamed}) answers what the buffered read answers:
 * the same records whatever the order of the envelope's fields, and the same errors (with the daemon's message),
 * a 5xx read retried, a body that does not map failing as the daemon's answer.
 */
class StreamedReadTest {

    private static final String ONE = "{\"name\":\"web1\",\"type\":\"container\",\"status\":\"Stopped\","
            + "\"status_code\":102,\"location\":\"sigsrv\",\"project\":\"p\",\"config\":{\"limits.cpu\":\"1\"},"
            + "\"devices\":{\"eth0\":{\"type\":\"nic\",\"network\":\"br0\"}},\"profiles\":[\"default\"]}";

    private MockWebServer server;
    private IncusClient client;

    @BeforeEach
    void start() throws Exception {
        server = new MockWebServer();
        server.start();
        client = IncusClient.connect(new Endpoint.Http(server.url("/").uri()));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static MockResponse json(int code, String body) {
        return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
    }

    @Test
    void readsTheListLikeTheBufferedReadWhateverTheFieldOrder() {
        server.enqueue(json(200, "{\"metadata\":[" + ONE + "],\"status_code\":200,\"extra\":{\"a\":[1,{}]},"
                + "\"type\":\"sync\"}"));
        server.enqueue(json(200, "{\"type\":\"sync\",\"status_code\":200,\"metadata\":[" + ONE + "]}"));

        List<Instance> streamed = client.instances().listAllProjectsWithoutState();
        List<Instance> buffered = client.get(ApiPath.of("/1.0/instances"),
                new com.fasterxml.jackson.core.type.TypeReference<List<Instance>>() { });

        assertThat(streamed).isEqualTo(buffered).hasSize(1);
        assertThat(streamed.getFirst().devices()).containsKey("eth0");
        assertThat(streamed.getFirst().state()).isNull();
    }

    @Test
    void asksForRecursionOneAndNoState() throws Exception {
        server.enqueue(json(200, "{\"type\":\"sync\",\"metadata\":[]}"));
        server.enqueue(json(200, "{\"type\":\"sync\",\"metadata\":[]}"));

        assertThat(client.instances().listAllProjectsWithoutState()).isEmpty();
        assertThat(client.instances().listWithoutState("web")).isEmpty();

        assertThat(server.takeRequest().getTarget()).isEqualTo("/1.0/instances?recursion=1&all-projects=true");
        assertThat(server.takeRequest().getTarget()).isEqualTo("/1.0/instances?recursion=1&project=web");
    }

    @Test
    void anErrorCarriesTheDaemonsMessage() {
        server.enqueue(json(404, "{\"type\":\"error\",\"error\":\"Project not found\",\"error_code\":404}"));

        assertThatThrownBy(() -> client.instances().listWithoutState("gone"))
                .isInstanceOfSatisfying(IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("GET /1.0/instances: Project not found");
                });
    }

    @Test
    void aFailedReadIsRetriedAsAnyRead() {
        server.enqueue(json(500, "{\"type\":\"error\",\"error\":\"Missing event connection\",\"error_code\":500}"));
        server.enqueue(json(200, "{\"type\":\"sync\",\"metadata\":[" + ONE + "]}"));

        assertThat(client.instances().listAllProjectsWithoutState()).extracting(Instance::name).containsExactly("web1");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void anAnswerThatDoesNotMapIsTheDaemonsFaultNotRetried() {
        server.enqueue(json(200, "{\"type\":\"sync\",\"metadata\":{\"not\":\"a list\"}}"));
        server.enqueue(json(200, "{\"type\":\"sync\",\"metadata\":[]}"));

        assertThatThrownBy(() -> client.instances().listAllProjectsWithoutState())
                .isInstanceOfSatisfying(IncusException.class, e -> {
                    assertThat(e.kind()).isEqualTo(IncusException.Kind.FAILED);
                    assertThat(e.getMessage()).startsWith("GET /1.0/instances: unexpected answer from the daemon");
                });
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
