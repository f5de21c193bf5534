package net.sigsrv.infra.incus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Map;
import net.sigsrv.infra.incus.api.Profile;
import net.sigsrv.infra.incus.api.Project;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Projects with feature and limit keys, profiles inside a project, and the ETag guard: a PUT with an ETag read
 * before someone else's change is refused as {@link IncusException.Kind#CHANGED}.
 */
@Tag("lab")
class ProjectsLabTest {

    @BeforeAll
    static void labIsHealthy() {
        Lab.awaitHealthy();
    }

    private static final String TOKEN = "itpj" + Lab.token();

    @AfterAll
    static void nothingLeftBehind() {
        try (IncusClient client = IncusClient.connect(Lab.unix(Lab.members().getFirst()))) {
            assertThat(LabLeftovers.find(client, TOKEN)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void projectCrudWithFeaturesLimitsAndEtag(String transport, Endpoint endpoint) {
        String name = TOKEN + transport.charAt(0);
        try (IncusClient client = IncusClient.connect(endpoint);
             IncusClient other = IncusClient.connect(Lab.unix(Lab.members().get(1)));
             LabCleanup cleanup = new LabCleanup()) {
            Map<String, String> config = Map.of("features.images", "false", "features.profiles", "true",
                    "features.storage.volumes", "true", "limits.containers", "5", "limits.memory", "2GiB");
            client.projects().create(name, "made by " + getClass().getSimpleName(), config);
            cleanup.add(() -> client.projects().delete(name));

            Tagged<Project> read = client.projects().get(name);
            assertThat(read.value().name()).isEqualTo(name);
            assertThat(read.value().description()).isEqualTo("made by ProjectsLabTest");
            assertThat(read.value().config()).containsAllEntriesOf(config);
            assertThat(read.etag()).isNotBlank();
            assertThat(client.projects().list()).extracting(Project::name).contains("default", name);

            Map<String, String> changed = Map.of("features.images", "false", "features.profiles", "true",
                    "features.storage.volumes", "true", "limits.containers", "3");
            client.projects().update(name, "updated", changed, read.etag());
            Tagged<Project> fresh = client.projects().get(name);
            assertThat(fresh.value().description()).isEqualTo("updated");
            assertThat(fresh.value().config()).containsEntry("limits.containers", "3")
                    .doesNotContainKey("limits.memory");
            assertThat(fresh.etag()).isNotEqualTo(read.etag());

            // someone else changes it underneath (through the other member, no ETag): our stale PUT must fail
            other.projects().update(name, "changed by someone else", changed, null);
            IncusException stale = catchThrowableOfType(IncusException.class,
                    () -> client.projects().update(name, "lost update", changed, fresh.etag()));
            assertThat(stale).as("PUT with a stale ETag").isNotNull();
            assertThat(stale.kind()).isEqualTo(IncusException.Kind.CHANGED);
            assertThat(stale.status()).isEqualTo(412);
            assertThat(stale.getMessage()).contains("PUT /1.0/projects/" + name).contains("changed since it was read");
            assertThat(client.projects().get(name).value().description()).isEqualTo("changed by someone else");

            client.projects().delete(name);
            assertThatThrownBy(() -> client.projects().get(name)).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("net.sigsrv.infra.incus.Lab#transports")
    void profileCrudInAProject(String transport, Endpoint endpoint) {
        String project = TOKEN + transport.charAt(0) + "p";
        String profile = "web-" + TOKEN;
        try (IncusClient client = IncusClient.connect(endpoint); LabCleanup cleanup = new LabCleanup()) {
            client.projects().create(project, "", Map.of("features.profiles", "true", "features.images", "false"));
            cleanup.add(() -> client.projects().delete(project));
            Map<String, Map<String, String>> devices = Map.of("root", Map.of("type", "disk", "path", "/",
                    "pool", "default"));
            client.projects().createProfile(project, profile, "a web profile", Map.of("limits.cpu", "1",
                    "user.role", "web"), devices);
            cleanup.add(() -> client.projects().deleteProfile(project, profile));

            assertThat(client.projects().profiles(project)).extracting(Profile::name)
                    .containsExactlyInAnyOrder("default", profile);
            assertThat(client.projects().profiles(null)).extracting(Profile::name).doesNotContain(profile);
            Tagged<Profile> read = client.projects().profile(project, profile);
            assertThat(read.value().description()).isEqualTo("a web profile");
            assertThat(read.value().config()).containsEntry("limits.cpu", "1").containsEntry("user.role", "web");
            assertThat(read.value().devices()).isEqualTo(devices);

            client.projects().updateProfile(project, profile, "still web", Map.of("limits.cpu", "2"), devices,
                    read.etag());
            Profile updated = client.projects().profile(project, profile).value();
            assertThat(updated.description()).isEqualTo("still web");
            assertThat(updated.config()).containsExactly(Map.entry("limits.cpu", "2"));
            assertThatThrownBy(() -> client.projects().updateProfile(project, profile, "stale", Map.of(), devices,
                    read.etag())).isInstanceOfSatisfying(IncusException.class,
                    e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.CHANGED));

            client.projects().deleteProfile(project, profile);
            assertThatThrownBy(() -> client.projects().profile(project, profile))
                    .isInstanceOfSatisfying(IncusException.class,
                            e -> assertThat(e.kind()).isEqualTo(IncusException.Kind.NOT_FOUND));
        }
    }
}
