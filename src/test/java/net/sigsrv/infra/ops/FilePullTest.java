package net.sigsrv.infra.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import net.sigsrv.infra.incus.Endpoint;
import net.sigsrv.infra.incus.IncusClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code instance file pull} of what an instance may hold against this machine: symlinks leading out of the copy
 * and setuid, setgid and sticky bits. The instance is a local server answering the daemon's file API (LXD's headers
 * and listings) with a tree made for it; the simulator has no files.
 */
class FilePullTest {

    /** The instance's tree: path → {type, mode, content (a link's target)}, directories with their entries. */
    private static final Map<String, String[]> TREE = new LinkedHashMap<>();

    static {
        TREE.put("/srv/site", new String[] {"directory", "0755",
            "index.html,tool,ok,abs,escape,sneaky,absin,absdots,sub"});
        TREE.put("/srv/site/index.html", new String[] {"file", "0644", "<h1>hi</h1>"});
        TREE.put("/srv/site/tool", new String[] {"file", "4755", "#!/bin/sh\n"});
        TREE.put("/srv/site/ok", new String[] {"symlink", "0777", "index.html"});
        TREE.put("/srv/site/abs", new String[] {"symlink", "0777", "/etc/shadow"});
        TREE.put("/srv/site/escape", new String[] {"symlink", "0777", "../../../etc/passwd"});
        TREE.put("/srv/site/sneaky", new String[] {"symlink", "0777", "sub/../../x"});
        TREE.put("/srv/site/absin", new String[] {"symlink", "0777", "/srv/site/index.html"}); // as LXD answers
        TREE.put("/srv/site/absdots", new String[] {"symlink", "0777", "/srv/site/sub/../index.html"});
        TREE.put("/srv/site/sub", new String[] {"directory", "1777", "up,absup"});
        TREE.put("/srv/site/sub/absup", new String[] {"symlink", "0777", "/srv/site/index.html"});
        TREE.put("/srv/site/sub/up", new String[] {"symlink", "0777", "../index.html"});
    }

    @TempDir
    Path dir;
    private MockWebServer instance;
    private IncusClient client;

    @BeforeEach
    void start() throws IOException {
        instance = new MockWebServer();
        instance.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest r) {
                if (r.getUrl().encodedPath().equals("/1.0")) {
                    return json("{\"api_extensions\":[],\"api_version\":\"1.0\",\"auth\":\"trusted\","
                            + "\"environment\":{\"server\":\"lxd\",\"server_clustered\":false}}");
                }
                String[] e = TREE.get(r.getUrl().queryParameter("path"));
                if (e == null) {
                    return new MockResponse.Builder().code(404).body("{\"type\":\"error\",\"error\":\"not found\","
                            + "\"error_code\":404}").build();
                }
                if (e[0].equals("directory")) {
                    return json("[\"" + String.join("\",\"", e[2].split(",")) + "\"]").newBuilder()
                            .setHeader("X-LXD-type", "directory").setHeader("X-LXD-mode", e[1]).build();
                }
                return new MockResponse.Builder().setHeader("X-LXD-type", e[0]).setHeader("X-LXD-mode", e[1])
                        .setHeader("Content-Type", "application/octet-stream").body(e[2]).build();
            }
        });
        instance.start(InetAddress.getByName("127.0.0.1"), 0);
        client = IncusClient.connect(new Endpoint.Http(instance.url("/").uri()));
    }

    @AfterEach
    void stop() {
        client.close();
        instance.close();
    }

    private static MockResponse json(String metadata) {
        return new MockResponse.Builder().setHeader("Content-Type", "application/json").body("{\"type\":\"sync\","
                + "\"status\":\"Success\",\"status_code\":200,\"metadata\":" + metadata + "}").build();
    }

    private FileCopy.Copied pull(String path, Path local, boolean links, boolean keep) throws IOException {
        return new FileCopy(client).pull("default", "web", path, local, new FileCopy.PullOptions(true, links, keep),
                n -> { });
    }

    @Test
    void symlinksLeadingOutOfTheCopyAreNotMadeAndNamed() throws IOException {
        Path back = dir.resolve("back");
        FileCopy.Copied copied = pull("/srv/site", back, false, false);

        assertThat(copied.outsideLinks()).containsExactly("web/srv/site/abs -> /etc/shadow",
                "web/srv/site/escape -> ../../../etc/passwd", "web/srv/site/sneaky -> sub/../../x",
                "web/srv/site/absdots -> /srv/site/sub/../index.html");
        for (String name : List.of("abs", "escape", "sneaky", "absdots")) {
            assertThat(Files.exists(back.resolve(name), LinkOption.NOFOLLOW_LINKS)).as(name).isFalse();
        }
        assertThat(Files.readSymbolicLink(back.resolve("ok"))).isEqualTo(Path.of("index.html"));
        assertThat(Files.readSymbolicLink(back.resolve("sub/up"))).isEqualTo(Path.of("../index.html"));
        assertThat(Files.readString(back.resolve("sub/up"))).isEqualTo("<h1>hi</h1>");
        assertThat(Files.readSymbolicLink(back.resolve("absin"))).as("made relative to the copy")
                .isEqualTo(Path.of("index.html"));
        assertThat(Files.readSymbolicLink(back.resolve("sub/absup"))).isEqualTo(Path.of("../index.html"));
    }

    @Test
    void withLinksEverySymlinkIsMadeAsItIs() throws IOException {
        Path back = dir.resolve("back");
        FileCopy.Copied copied = pull("/srv/site", back, true, false);
        assertThat(copied.outsideLinks()).isEmpty();
        assertThat(Files.readSymbolicLink(back.resolve("abs"))).isEqualTo(Path.of("/etc/shadow"));
        assertThat(Files.readSymbolicLink(back.resolve("sneaky"))).isEqualTo(Path.of("sub/../../x"));
    }

    @Test
    void aSingleSymlinkLeadingOutsideIsRefusedAndNothingIsWritten() {
        Path local = dir.resolve("shadow");
        assertThatThrownBy(() -> new FileCopy(client).pull("default", "web", "/srv/site/abs", local,
                new FileCopy.PullOptions(false, false, false), n -> { }))
                .isInstanceOf(Refused.class)
                .hasMessage("web/srv/site/abs is a symlink to /etc/shadow, which leads outside " + dir + "; it would"
                        + " point at this machine's own files. Nothing was written; give --links to make it as it is.");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void setuidSetgidAndStickyBitsAreDroppedAndCounted() throws IOException {
        Path back = dir.resolve("back");
        FileCopy.Copied copied = pull("/srv/site", back, false, false);
        assertThat(mode(back.resolve("tool"))).isEqualTo(0755);
        assertThat(mode(back.resolve("index.html"))).isEqualTo(0644);
        assertThat(mode(back.resolve("sub")) & 07000).isZero();
        assertThat(copied.specialBitsDropped()).as("tool and sub").isEqualTo(2);
    }

    @Test
    void keepSpecialBitsKeepsThemAndTheDirectoriesModes() throws IOException {
        Path back = dir.resolve("back");
        FileCopy.Copied copied = pull("/srv/site", back, false, true);
        assertThat(mode(back.resolve("tool"))).isEqualTo(04755);
        assertThat(mode(back.resolve("sub"))).isEqualTo(01777);
        assertThat(copied.specialBitsDropped()).isZero();
    }

    @Test
    void aSingleLinkMayPointBesideItself() throws IOException {
        FileCopy.Copied copied = new FileCopy(client).pull("default", "web", "/srv/site/absin",
                dir.resolve("h"), new FileCopy.PullOptions(false, false, false), n -> { });
        assertThat(copied.files()).isEqualTo(1);
        assertThat(Files.readSymbolicLink(dir.resolve("h"))).isEqualTo(Path.of("index.html"));
    }

    @Test
    void whereALinkLeads() {
        Path root = Path.of("/tmp/copy");
        PulledLink.Copy copy = new PulledLink.Copy("/srv/site", root);
        assertThat(PulledLink.inside(root.resolve("a"), "b", copy)).contains(Path.of("b"));
        assertThat(PulledLink.inside(root.resolve("d/a"), "../b", copy)).contains(Path.of("../b"));
        assertThat(PulledLink.inside(root.resolve("d/a"), "./e/f", copy)).contains(Path.of("./e/f"));
        assertThat(PulledLink.inside(root.resolve("d/a"), "/srv/site/b", copy)).contains(Path.of("../b"));
        assertThat(PulledLink.inside(root.resolve("a"), "/srv/site", copy)).contains(Path.of("."));
        assertThat(PulledLink.inside(root.resolve("a"), "/srv/sitemap", copy)).isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "/tmp/copy/b", copy)).as("this machine's path").isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "../b", copy)).isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "d/../b", copy)).as(".. after a name").isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "", copy)).isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "x\0y", copy)).isEmpty();
        assertThat(PulledLink.inside(root.resolve("a"), "/etc/x", new PulledLink.Copy("/", root)))
                .contains(Path.of("etc/x"));
        assertThat(PulledLink.parentOf("/srv/site/a")).isEqualTo("/srv/site");
        assertThat(PulledLink.parentOf("/a")).isEqualTo("/");
    }

    private static int mode(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 07777;
    }
}
