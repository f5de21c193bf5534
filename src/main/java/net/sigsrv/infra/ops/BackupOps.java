package net.sigsrv.infra.ops;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongConsumer;
import net.sigsrv.infra.guard.PrivilegedRule;
import net.sigsrv.infra.incus.IncusClient;
import net.sigsrv.infra.incus.IncusException;
import net.sigsrv.infra.incus.InstanceTransfer;
import net.sigsrv.infra.incus.api.InstanceSnapshot;

/**
 * Backups: instance export to a local tarball and import from one, custom volume snapshots (create, list, delete,
 * copy to another pool or volume), and the instance snapshots that scheduled snapshots make.
 */
public final class BackupOps {

    private final IncusClient client;
    private final StorageOps storage;

    private final Guards guards;

    public BackupOps(IncusClient client, Guards guards) {
        this.client = client;
        this.guards = guards;
        this.storage = new StorageOps(client, guards);
    }

    /** Where an export goes by default: {@code backups/NAME-YYYYMMDD.tar.gz} under {@code dir}. */
    public static Path defaultFile(Path dir, String instance, LocalDate day) {
        return dir.resolve("backups").resolve(instance + "-" + day.format(DateTimeFormatter.BASIC_ISO_DATE)
                + ".tar.gz");
    }

    /**
     * Exports an instance (with its snapshots unless {@code instanceOnly}) to {@code file}: the daemon makes a
     * backup, it is streamed into a temporary file next to {@code file} (mode 0600: it holds the instance's whole
     * filesystem) and renamed, and the daemon's copy is deleted. Returns the size.
     */
    public long export(String project, String instance, Path file, boolean instanceOnly, LongConsumer progress)
            throws IOException {
        String backup = "infra-export-" + Long.toHexString(System.currentTimeMillis());
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        client.instances().createBackup(project, instance, backup, instanceOnly);
        Path tmp = Files.createTempFile(dir, ".infra-export-", ".part",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            long size;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                size = client.instances().exportBackup(project, instance, backup, out, progress);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return size;
        } finally {
            Files.deleteIfExists(tmp);
            try {
                client.instances().deleteBackup(project, instance, backup);
            } catch (IncusException e) {
                // the tarball is what was asked for; a backup left on the member is listed by the daemon
            }
        }
    }

    /**
     * Creates an instance from an exported tarball; {@code name}, {@code pool}, {@code member} may be null. The
     * backup's configuration (the instance's, each snapshot's, with the profiles they name) goes through the
     * privileged rule first: refused before anything is uploaded, like a launch with that config.
     */
    public void importBackup(String project, Path file, String name, String pool, String member,
                             LongConsumer progress) {
        if (!Files.isRegularFile(file)) {
            throw new Refused("no backup file " + file);
        }
        BackupConfig backup = BackupConfig.read(file);
        String instance = name != null ? name : backup.name();
        InstanceOps.refuse(guards.privileged().refusal(project, instance, grants(project, backup)));
        InstanceTransfer transfer = new InstanceTransfer(client);
        java.util.Set<String> before = member == null ? java.util.Set.of() : names(project);
        transfer.importBackup(project, file, name, pool, member, progress);
        if (member != null) {
            // LXD 5.0.2 unpacks an upload on the member that received it, whatever ?target= says: move it after
            for (var i : client.instances().list(project)) {
                if (!before.contains(i.name()) && !i.location().isEmpty() && !i.location().equals(member)) {
                    transfer.moveToMember(project, i.name(), member);
                }
            }
        }
    }

    /**
     * What each config of the backup would grant once imported into {@code project}: the profiles it names (as
     * the backup carries them, then as the project has them) expanded under its own config.
     */
    private List<PrivilegedRule.Grant> grants(String project, BackupConfig backup) {
        Set<PrivilegedRule.Grant> out = new LinkedHashSet<>();
        for (BackupConfig.Config c : backup.configs()) {
            List<PrivilegedRule.Source> sources = new ArrayList<>();
            for (String p : c.profiles()) {
                Optional.ofNullable(backup.profiles().get(p)).ifPresent(config -> sources.add(
                        new PrivilegedRule.Source("profile " + p + " in the backup", config)));
                InstanceOps.profileConfig(client, project, p).ifPresent(config -> sources.add(
                        new PrivilegedRule.Source("profile " + p, config)));
            }
            sources.add(new PrivilegedRule.Source(c.from(), c.config()));
            out.addAll(PrivilegedRule.grants(sources));
        }
        return List.copyOf(out);
    }

    private java.util.Set<String> names(String project) {
        return client.instances().list(project).stream().map(i -> i.name())
                .collect(java.util.stream.Collectors.toSet());
    }

    public void createSnapshot(String project, String pool, String volume, String snapshot, String member) {
        client.storage().snapshot(project, pool, volume, snapshot, storage.locate(project, pool, volume, member));
    }

    public List<String> snapshots(String project, String pool, String volume, String member) {
        return client.storage().snapshots(project, pool, volume, storage.locate(project, pool, volume, member));
    }

    public void deleteSnapshot(String project, String pool, String volume, String snapshot, String member) {
        client.storage().deleteSnapshot(project, pool, volume, snapshot,
                storage.locate(project, pool, volume, member));
    }

    /**
     * Copies a volume or one of its snapshots ({@code VOLUME/SNAPSHOT}) from {@code sourcePool} to a new volume
     * {@code pool/name}, on the member the source lives on unless {@code member} says otherwise.
     */
    public void copy(String project, String sourcePool, String source, String pool, String name, String member) {
        String volume = source.contains("/") ? source.substring(0, source.indexOf('/')) : source;
        String where = member != null ? member : storage.locate(project, sourcePool, volume, null);
        client.storage().copyVolume(project, sourcePool, source, pool, name, where);
    }

    /** The snapshots of an instance (scheduled ones included), oldest first. */
    public List<InstanceSnapshot> instanceSnapshots(String project, String instance) {
        return new InstanceTransfer(client).snapshots(project, instance);
    }
}
