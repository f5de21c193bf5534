package net.sigsrv.infra.talos.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One 0600 file per cluster in a 0700 directory, made once and reused; imports refuse to overwrite silently. */
class SecretsStoreTest {

    @TempDir
    Path tmp;

    @Test
    void theDefaultPlaceIsBesideTheSpecPerLab() {
        Path spec = tmp.resolve("labs/sigsrv.yaml");
        assertThat(SecretsStore.defaultDirectory(spec, "sigsrv")).isEqualTo(tmp.resolve("labs/.infra/talos/sigsrv"));
        assertThat(new SecretsStore(tmp).path("p1")).isEqualTo(tmp.resolve("p1.secrets.yaml"));
        assertThatThrownBy(() -> new SecretsStore(tmp).path("../p1")).hasMessageContaining("not usable in a file name");
    }

    @Test
    void generatedOnceThenReusedWithModes0600And0700() throws Exception {
        SecretsStore store = new SecretsStore(tmp.resolve(".infra/talos/sigsrv"));
        SecretsBundle first = store.loadOrCreate("p1", "v1.6.7", new SecretsGenerator(), TestBundles.NOW);
        Path file = store.path("p1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())))
                .isEqualTo("rwx------");
        assertThat(Files.readString(file)).isEqualTo(SecretsFile.format(first));
        assertThat(Files.list(store.directory()).map(p -> p.getFileName().toString()).toList())
                .containsExactly("p1.secrets.yaml"); // no temporary file left behind

        SecretsBundle again = store.loadOrCreate("p1", "v1.6.7", new SecretsGenerator(), TestBundles.NOW);
        assertThat(again).isEqualTo(first);
        SecretsBundle other = store.loadOrCreate("p2", "v1.6.7", new SecretsGenerator(), TestBundles.NOW);
        assertThat(other.clusterSecret()).isNotEqualTo(first.clusterSecret());
        assertThat(other.os().key()).isNotEqualTo(first.os().key());
        assertThat(store.read("p1", TestBundles.NOW)).contains(first);
    }

    @Test
    void aDirectoryThatExistsWiderIsTightened() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("wide"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new SecretsStore(dir).importBundle("p1", TestBundles.v16(), false, TestBundles.NOW);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
    }

    @Test
    void racingCreatorsEndWithOneBundle() throws Exception {
        SecretsStore store = new SecretsStore(tmp.resolve("race"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Callable<SecretsBundle> make = () -> store.loadOrCreate("p1", "v1.6.7", new SecretsGenerator(),
                    TestBundles.NOW);
            List<Future<SecretsBundle>> made = pool.invokeAll(List.of(make, make, make, make));
            SecretsBundle kept = store.read("p1", TestBundles.NOW).orElseThrow();
            for (Future<SecretsBundle> f : made) {
                assertThat(f.get()).isEqualTo(kept);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFileOthersCanReadIsRefused() throws Exception {
        SecretsStore store = new SecretsStore(tmp);
        store.importBundle("p1", TestBundles.v16(), false, TestBundles.NOW);
        Files.setPosixFilePermissions(store.path("p1"), PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> store.read("p1", TestBundles.NOW)).isInstanceOf(SecretsException.class)
                .hasMessageContaining("mode rw-r--r-- lets others read machine secrets; 'chmod 600");
    }

    @Test
    void importWritesKeepsOrRefusesADifferentBundleWithoutForce() throws Exception {
        SecretsStore store = new SecretsStore(tmp);
        SecretsBundle a = TestBundles.v16();
        SecretsBundle b = new SecretsGenerator().generate("v1.6.7", TestBundles.NOW);
        assertThat(store.importBundle("p1", a, false, TestBundles.NOW)).isEqualTo(SecretsStore.Outcome.WRITTEN);
        assertThat(store.importBundle("p1", a, false, TestBundles.NOW)).isEqualTo(SecretsStore.Outcome.UNCHANGED);
        assertThat(store.importBundle("p1", b, false, TestBundles.NOW))
                .isEqualTo(SecretsStore.Outcome.REFUSED_DIFFERENT);
        assertThat(store.read("p1", TestBundles.NOW)).contains(a);
        assertThat(store.importBundle("p1", b, true, TestBundles.NOW)).isEqualTo(SecretsStore.Outcome.REPLACED);
        assertThat(store.read("p1", TestBundles.NOW)).contains(b);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.path("p1"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aBrokenKeptFileIsReportedNotRegenerated() throws Exception {
        SecretsStore store = new SecretsStore(tmp);
        store.importBundle("p1", TestBundles.v16(), false, TestBundles.NOW);
        Files.writeString(store.path("p1"), "cluster: {}\n");
        assertThatThrownBy(() -> store.loadOrCreate("p1", "v1.6.7", new SecretsGenerator(), TestBundles.NOW))
                .isInstanceOf(SecretsException.class).hasMessageContaining("cluster.id is missing");
        assertThat(Files.readString(store.path("p1"))).isEqualTo("cluster: {}\n");
    }
}
