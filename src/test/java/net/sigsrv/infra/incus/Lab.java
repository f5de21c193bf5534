package net.sigsrv.infra.incus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.sigsrv.infra.Golden;
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

    /** Both transports to the first member: the parameter source for tests that must pass over each. */
    public static Stream<Arguments> transports() {
        String first = members().getFirst();
        return Stream.of(Arguments.of("unix", unix(first)), Arguments.of("https", https(first)));
    }
}
