package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event stream: lifecycle events of one project arrive over a websocket on either transport. */
@Tag("lab")
class EventsLabTest {

    private static final String TOKEN = "itev" + Lab.token();
    private static final String PROJECT = TOKEN;

    @BeforeAll
    static void project() {
        Lab.createProject(PROJECT, "EventsLabTest", false);
    }

    @AfterAll
    static void nothingLeftBehind() {
        Lab.deleteProjectLeavingNothing(PROJECT, TOKEN);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void lifecycleEventsNameTheInstance(String transport, Endpoint endpoint) throws InterruptedException {
        String name = TOKEN + "-" + transport;
        List<JsonNode> events = new CopyOnWriteArrayList<>();
        List<String> closes = new CopyOnWriteArrayList<>();
        CountDownLatch deleted = new CountDownLatch(1);
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            try (Events.Subscription subscription = client.events().listen("lifecycle", PROJECT, e -> {
                events.add(e);
                if (e.path("metadata").path("action").asText().equals("instance-deleted")
                        && e.path("metadata").path("source").asText().contains(name)) {
                    deleted.countDown();
                }
            }, closes::add)) {
                cleanup.add(() -> LabCleanup.deleteInstance(client, PROJECT, name));
                client.instances().create(PROJECT, InstanceCreate.container(name, Lab.imageAlias()), null, false);
                client.instances().delete(PROJECT, name);
                assertThat(deleted.await(20, TimeUnit.SECONDS)).as("instance-deleted event for %s within 20 s;"
                        + " got %s; stream: %s", name, events, closes).isTrue();
            }
        }
        assertThat(events).allMatch(e -> e.path("type").asText().equals("lifecycle"));
        assertThat(events).anyMatch(e -> e.path("metadata").path("action").asText().equals("instance-created")
                && e.path("metadata").path("source").asText().contains(name));
        assertThat(events).allMatch(e -> e.path("project").asText(PROJECT).equals(PROJECT));
    }
}
