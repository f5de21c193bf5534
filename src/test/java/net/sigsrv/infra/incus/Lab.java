package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import net.sigsrv.infra.Golden;
import net.sigsrv.infra.incus.api.ClusterMember;
import net.sigsrv.infra.incus.transport.Pem;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.provider.Arguments;

/**
 * The real two-member LXD lab that {@code lab/up} builds, as described by {@code lab/.state/lab.json}. Tests that
 * need it are tagged {@code lab}; without the lab they are skipped with a loud reason (the test command brings the
 * lab up whenever it runs as root, so in CI they always run).
 */
public final class Lab {

    private static final Path STATE = Golden.repo().resolve("lab/.state/lab.json");
    private static volatile JsonNode json;

    private Lab() {
    }

    public static JsonNode json() {
        JsonNode j = json;
        if (j == null) {
            Assumptions.assumeTrue(Files.exists(STATE), "LAB NOT UP: " + STATE + " is missing; run lab/up (as root)"
                    + " — lab tests skipped");
            try {
                j = new ObjectMapper().readTree(STATE.toFile());
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + STATE, e);
            }
            json = j;
        }
        return j;
    }

    public static List<String> members() {
        List<String> out = new ArrayList<>();
        json().get("members").forEach(m -> out.add(m.get("name").asText()));
        return out;
    }

    /**
     * The member that bootstrapped the cluster (the first in {@code lab.json}; {@code sigsrv} as {@code lab/up}
     * names them today). Tests name members through this and {@link #second()}, never by literal, so a lab with
     * other names runs them.
     */
    public static String first() {
        return members().getFirst();
    }

    /** The other member (the database standby, {@code minisrv} today): the one fault tests stop and start. */
    public static String second() {
        return members().get(1);
    }

    public static String imageAlias() {
        return json().path("image").path("alias").asText("busybox");
    }

    public static Endpoint.Unix unix(String member) {
        for (JsonNode m : json().get("members")) {
            if (m.get("name").asText().equals(member)) {
                return new Endpoint.Unix(Path.of(m.get("socket").asText()));
            }
        }
        throw new IllegalArgumentException("no lab member " + member);
    }

    public static Endpoint.Https https(String member) {
        try {
            JsonNode j = json();
            for (JsonNode m : j.get("members")) {
                if (m.get("name").asText().equals(member)) {
                    return new Endpoint.Https(URI.create(m.get("url").asText()),
                            Optional.of(Path.of(j.at("/client/certificate").asText())),
                            Optional.of(Path.of(j.at("/client/key").asText())),
                            Pem.certificates(Path.of(j.at("/cluster/certificate").asText())));
                }
            }
            throw new IllegalArgumentException("no lab member " + member);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the lab's certificates", e);
        }
    }

    /** {@code lab/.state/lab.json}, the file this class reads. */
    public static Path stateFile() {
        json();
        return STATE;
    }

    /** The network namespace {@code member}'s daemon runs in. */
    public static String netns(String member) {
        for (JsonNode m : json().get("members")) {
            if (m.get("name").asText().equals(member)) {
                return m.get("netns").asText();
            }
        }
        throw new IllegalArgumentException("no lab member " + member);
    }

    /** The server the lab runs, as {@code lab/up} recorded it: {@code kind} ("lxd"), {@code version} ("5.0.2"). */
    public static String server(String field) {
        return json().path("server").path(field).asText();
    }

    /** SHA-256 of the certificate every member's HTTPS listener presents (lower-case hex). */
    public static String clusterFingerprint() {
        return json().at("/cluster/certificate_fingerprint").asText();
    }

    public static Path clientCertificate() {
        return Path.of(json().at("/client/certificate").asText());
    }

    public static URI url(String member) {
        for (JsonNode m : json().get("members")) {
            if (m.get("name").asText().equals(member)) {
                return URI.create(m.get("url").asText());
            }
        }
        throw new IllegalArgumentException("no lab member " + member);
    }

    /**
     * A random token (a letter, then four letters or digits) for the names of what one test class makes, so
     * parallel runs and other engineers' tests never collide and leftovers can be found by name.
     */
    public static String token() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder s = new StringBuilder().append(alphabet.charAt(r.nextInt(26)));
        for (int i = 0; i < 4; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /**
     * Waits until every member answers on its socket and the cluster reports them all Online: a fault test that
     * ran just before (stop-member, then start-member) may leave one rejoining for a while. Fails after 90 s naming
     * what was still wrong. Lab test classes call it before they start.
     */
    public static void awaitHealthy() {
        Poll.until("every lab member Online", Duration.ofSeconds(90), Lab::unhealthy, String::isEmpty);
    }

    /** What keeps the lab from being usable right now, or "" when nothing does. */
    private static String unhealthy() {
        StringBuilder problems = new StringBuilder();
        for (String member : members()) {
            try (IncusClient client = IncusClient.connect(unix(member))) {
                for (ClusterMember m : client.cluster().members()) {
                    if (!m.isOnline()) {
                        problems.append(member).append(" sees ").append(m.serverName()).append(' ')
                                .append(m.status()).append(" (").append(m.message()).append("); ");
                    }
                }
            } catch (IncusException e) {
                problems.append(member).append(": ").append(e.getMessage()).append("; ");
            }
        }
        return problems.toString();
    }

    /** Both transports to the first member: the parameter source for tests that must pass over each. */
    public static Stream<Arguments> transports() {
        String first = members().getFirst();
        return Stream.of(Arguments.of("unix", unix(first)), Arguments.of("https", https(first)));
    }

    /**
     * A project for one test class (created once the lab is healthy), sharing the default project's images and
     * profiles, with its own custom volumes when {@code ownVolumes}.
     */
    public static void createProject(String name, String description, boolean ownVolumes) {
        awaitHealthy();
        try (IncusClient client = IncusClient.connect(unix(members().getFirst()))) {
            client.projects().create(name, description, java.util.Map.of("features.images", "false",
                    "features.profiles", "false", "features.storage.volumes", String.valueOf(ownVolumes)));
        }
    }

    /** Deletes a test class's project and checks that nothing named with its token is left in the lab. */
    public static void deleteProjectLeavingNothing(String project, String token) {
        try (IncusClient client = IncusClient.connect(unix(members().getFirst()))) {
            client.projects().delete(project);
            org.assertj.core.api.Assertions.assertThat(LabLeftovers.find(client, token)).isEmpty();
        }
    }
}
