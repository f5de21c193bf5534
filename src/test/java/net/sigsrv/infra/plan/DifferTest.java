package net.sigsrv.infra.plan;

import static net.sigsrv.infra.plan.Resources.desired;
import static net.sigsrv.infra.plan.Resources.diff;
import static net.sigsrv.infra.plan.Resources.instance;
import static net.sigsrv.infra.plan.Resources.lab;
import static net.sigsrv.infra.plan.Resources.owned;
import static net.sigsrv.infra.plan.Resources.unowned;
import static net.sigsrv.infra.plan.Resources.wanted;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import net.sigsrv.infra.incus.api.Project;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The differ's total decision per object (STYLE 7), one rule per test, on hand-made resources. */
class DifferTest {

    private static final Address WEB1 = instance("p", "web1");
    private static final String IMAGE = "config." + Ownership.IMAGE_KEY;

    @Nested
    class Decisions {

        @Test
        void absentIsCreated() {
            Plan plan = diff(desired(wanted(WEB1, "type=container")), lab());

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.CREATE).changesOnly("instance.p/web1");
            assertThat(plan.changes().getFirst().before()).isEmpty();
            assertThat(plan.changes().getFirst().fields()).as("a create lists its object, not field changes")
                    .isEmpty();
        }

        @Test
        void sameIsNothingButStillCounted() {
            Plan plan = diff(desired(wanted(WEB1, "type=container")), lab(owned(WEB1, "type=container")));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.NOOP).changesOnly();
            assertThat(plan.counts()).containsEntry(Action.NOOP, 1L);
            assertThat(plan.hasChanges()).isFalse();
        }

        @Test
        void aFieldThatCanChangeInPlaceIsAnUpdate() {
            Plan plan = diff(desired(wanted(WEB1, "type=container", "config.limits.cpu=2")),
                    lab(owned(WEB1, "type=container", "config.limits.cpu=1")));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.UPDATE).notBlocked("instance.p/web1");
            assertThat(plan.changes().getFirst().fields())
                    .containsExactly(new FieldChange("config.limits.cpu", "1", "2", false));
        }

        @Test
        void aFieldThatCannotChangeInPlaceIsAReplaceThatSaysWhichField() {
            Plan plan = diff(desired(wanted(WEB1, "type=virtual-machine", "config.limits.cpu=2")),
                    lab(owned(WEB1, "type=container", "config.limits.cpu=1")));

            PlanAssert.assertThat(plan).forcedBy("instance.p/web1", "type");
            assertThat(plan.changes().getFirst().fields()).containsExactly(
                    new FieldChange("config.limits.cpu", "1", "2", false),
                    new FieldChange("type", "container", "virtual-machine", true));
        }

        @Test
        void whatForcesReplacementPerKind() {
            assertThat(List.of("type", "location", IMAGE)).allMatch(Kind.INSTANCE::forcesReplacement);
            assertThat(List.of("content_type", "location")).allMatch(Kind.VOLUME::forcesReplacement);
            assertThat(Kind.POOL.forcesReplacement("driver")).isTrue();
            assertThat(List.of("driver", "config.source", "config.size")).allMatch(Kind.POOL_MEMBER::forcesReplacement);
            assertThat(List.of("description", "config.limits.cpu", "profiles", "state", "devices.eth0.network"))
                    .noneMatch(Kind.INSTANCE::forcesReplacement);
            assertThat(Kind.NETWORK.forcesReplacement("config.ipv4.address")).isFalse();
        }

        @Test
        void anotherImageReplacesButAFirstImageRecordIsWrittenInPlace() {
            Plan changed = diff(desired(wanted(WEB1, IMAGE + "=images:alpine/3.20")),
                    lab(owned(WEB1, IMAGE + "=busybox")));
            Plan adopted = diff(desired(wanted(WEB1, IMAGE + "=busybox")), lab(owned(WEB1)));

            PlanAssert.assertThat(changed).forcedBy("instance.p/web1", IMAGE);
            PlanAssert.assertThat(adopted).has("instance.p/web1", Action.UPDATE);
        }

        @Test
        void ownedAndNoLongerInTheSpecIsDeleted() {
            Address web2 = instance("p", "web2");
            Plan plan = diff(desired(wanted(WEB1)), lab(owned(WEB1), owned(web2, "state=running")));

            PlanAssert.assertThat(plan).has("instance.p/web2", Action.DELETE).notBlocked("instance.p/web2")
                    .changesOnly("instance.p/web2");
            assertThat(plan.changes().getLast().before().orElseThrow().field("state")).isEqualTo("running");
        }

        @Test
        void deletesComeAfterEveryObjectOfTheSpecWhichIsInKindOrder() {
            Address project = Address.of(Kind.PROJECT, "p");
            Address oldZone = Address.of(Kind.ZONE, "old.lab");
            Plan plan = diff(desired(wanted(WEB1), wanted(project)), lab(owned(oldZone)));

            assertThat(plan.changes()).extracting(c -> c.address().toString())
                    .containsExactly("project.p", "instance.p/web1", "zone.old.lab");
        }
    }

    @Nested
    class Owners {

        @Test
        void anObjectOfAnotherOwnerThatTheSpecDoesNotNameIsNotTouched() {
            Plan plan = diff(desired(), lab(unowned(WEB1, "type=container")));

            assertThat(plan.changes()).isEmpty();
        }

        @Test
        void anObjectOfAnotherOwnerThatTheSpecNamesIsBlockedWithTheAdoptCommand() {
            Plan plan = diff(desired(wanted(WEB1, "description=Web (managed by sigsrv-infra)")),
                    lab(unowned(WEB1, "description=made by hand")));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.UPDATE)
                    .blocked("instance.p/web1", "is not managed by this lab; run 'infra adopt instance.p/web1'");
            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.counts()).doesNotContainKey(Action.UPDATE);
        }

        @Test
        void anObjectOfAnotherLabIsAnObjectOfAnotherOwner() {
            Observed o = new Observed("lab", List.of());
            o.project(new Project("p", "theirs",
                    Map.of(Ownership.KEY, "other-lab"), List.of()));
            Plan plan = Differ.diff(desired(), o, List.of());

            assertThat(o.resources().get(Address.of(Kind.PROJECT, "p")).owned()).isFalse();
            assertThat(plan.changes()).isEmpty();
        }

        @Test
        void theBuiltInsAreManagedWithoutAdoptAndNeverDeleted() {
            Address project = Address.of(Kind.PROJECT, "default");
            Address profile = Address.scoped(Kind.PROFILE, "p", "default");
            Address pool = Address.of(Kind.POOL, "default");
            Plan taken = diff(desired(wanted(project, "description=x"), wanted(profile), wanted(pool, "driver=dir")),
                    lab(unowned(project, "description=Default LXD project"), unowned(profile),
                            unowned(pool, "driver=dir")));
            Plan dropped = diff(desired(), lab(owned(project), owned(profile), owned(pool)));

            PlanAssert.assertThat(taken).has("project.default", Action.UPDATE).notBlocked("project.default")
                    .has("profile.p/default", Action.UPDATE).notBlocked("profile.p/default")
                    .has("pool.default", Action.UPDATE).notBlocked("pool.default");
            assertThat(dropped.changes()).isEmpty();
        }

        @Test
        void onlyProjectsProfilesAndPoolsNamedDefaultAreBuiltIn() {
            assertThat(Differ.isBuiltIn(Address.of(Kind.NETWORK, "default"))).isFalse();
            assertThat(Differ.isBuiltIn(instance("default", "default"))).isFalse();
            assertThat(Differ.isBuiltIn(Address.scoped(Kind.PROFILE, "p", "web"))).isFalse();
            assertThat(diff(desired(), lab(owned(Address.of(Kind.NETWORK, "default")))).changes())
                    .singleElement().extracting(Change::action).isEqualTo(Action.DELETE);
        }

        @Test
        void aBuiltInIsNeverReplaced() {
            Address pool = Address.of(Kind.POOL, "default");
            Plan plan = diff(desired(wanted(pool, "driver=zfs")), lab(unowned(pool, "driver=dir")));

            PlanAssert.assertThat(plan).forcedBy("pool.default", "driver")
                    .blocked("pool.default", "is built in and is never deleted");
        }

        @Test
        void perMemberPartsAreNeverDeletedOnTheirOwn() {
            Address part = Address.onMember(Kind.NETWORK_MEMBER, "br0", "sigsrv");
            Plan plan = diff(desired(), lab(new Resource(part, Map.of("type", "bridge"), true)));

            assertThat(plan.changes()).isEmpty();
        }

        @Test
        void aPerMemberPartThatWouldNeedReplacingIsBlocked() {
            Address part = Address.onMember(Kind.POOL_MEMBER, "fast", "minisrv");
            Plan plan = diff(desired(new Resource(part, Map.of("driver", "zfs", "config.source", "/dev/sdc"),
                            true)),
                    lab(new Resource(part, Map.of("driver", "zfs", "config.source", "/dev/sdb"), true)));

            PlanAssert.assertThat(plan).forcedBy("pool.fast@minisrv", "config.source")
                    .blocked("pool.fast@minisrv", "would delete pool fast on every member");
        }
    }

    @Nested
    class Protection {

        private static final String PROTECTED = "config.security.protection.delete=true";

        @Test
        void aProtectedObjectIsNotDeleted() {
            Plan plan = diff(desired(), lab(owned(WEB1, PROTECTED)));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.DELETE)
                    .blocked("instance.p/web1", "is protected (security.protection.delete=true) and would be deleted");
            assertThat(plan.hasChanges()).isFalse();
            assertThat(plan.counts()).doesNotContainKey(Action.DELETE);
            assertThat(plan.blocked()).hasSize(1);
        }

        @Test
        void aProtectedObjectIsNotReplaced() {
            Plan plan = diff(desired(wanted(WEB1, PROTECTED, "type=virtual-machine")),
                    lab(owned(WEB1, PROTECTED, "type=container")));

            PlanAssert.assertThat(plan).forcedBy("instance.p/web1", "type")
                    .blocked("instance.p/web1", "would be replaced; if you mean it, first apply");
        }

        @Test
        void aProtectedObjectIsStillUpdatedInPlace() {
            Plan plan = diff(desired(wanted(WEB1, PROTECTED, "config.limits.cpu=2")),
                    lab(owned(WEB1, PROTECTED, "config.limits.cpu=1")));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.UPDATE).notBlocked("instance.p/web1");
        }

        @Test
        void incusBooleansProtectToo() {
            Plan plan = diff(desired(), lab(owned(WEB1, "config.security.protection.delete=Yes")));

            PlanAssert.assertThat(plan).blocked("instance.p/web1", "is protected (security.protection.delete=Yes)");
        }

        @Test
        void aVolumeAProtectedInstanceMountsIsNotDeletedEvenWhenTheSpecDropsTheDisk() {
            Address data = Address.volume("p", "fast", "data");
            Address scratch = Address.volume("p", "fast", "scratch");
            Plan plan = diff(desired(wanted(WEB1, PROTECTED, "profiles=default")),
                    lab(owned(WEB1, PROTECTED, "profiles=default", "devices.data.type=disk", "devices.data.pool=fast",
                            "devices.data.source=data"), owned(data), owned(scratch)));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.UPDATE).notBlocked("instance.p/web1")
                    .blocked("volume.p/fast/data", "is mounted by protected instance instance.p/web1 and would be"
                            + " deleted; if you mean it, first apply a spec in which no protected instance mounts it")
                    .has("volume.p/fast/scratch", Action.DELETE).notBlocked("volume.p/fast/scratch");
        }

        @Test
        void aVolumeOfAProjectWithoutItsOwnIsFoundInTheDefaultProject() {
            Address shared = Address.volume("default", "fast", "data");
            Plan plan = diff(desired(), lab(owned(WEB1, PROTECTED, "devices.data.type=disk", "devices.data.pool=fast",
                    "devices.data.source=data"), owned(shared)));

            PlanAssert.assertThat(plan).blocked("volume.default/fast/data", "is mounted by protected instance");
        }

        /** What the instance needs after the plan is kept; what it lets go of (no data in it) may go. */
        @Test
        void aProtectedInstanceMovingToAnotherNetworkLetsTheOldOneGo() {
            Address oldNet = Address.of(Kind.NETWORK, "oldbr0");
            Address newNet = Address.of(Kind.NETWORK, "newbr0");
            Address profile = Address.scoped(Kind.PROFILE, "p", "db");
            Plan plan = diff(desired(wanted(WEB1, PROTECTED, "profiles=default,db"), wanted(newNet),
                            wanted(profile, "devices.eth0.type=nic", "devices.eth0.network=newbr0")),
                    lab(owned(WEB1, PROTECTED, "profiles=default,db"), owned(oldNet), owned(newNet),
                            owned(profile, "devices.eth0.type=nic", "devices.eth0.network=oldbr0")));

            PlanAssert.assertThat(plan).has("profile.p/db", Action.UPDATE)
                    .has("network.oldbr0", Action.DELETE).notBlocked("network.oldbr0");
        }

        @Test
        void whatAProtectedInstanceNeedsIsKeptWhenItStays() {
            Address net = Address.of(Kind.NETWORK, "dbbr0");
            Address project = Address.of(Kind.PROJECT, "p");
            Plan plan = diff(desired(), lab(owned(project), owned(net), owned(WEB1, PROTECTED, "profiles=default",
                    "devices.eth0.type=nic", "devices.eth0.network=dbbr0")));

            PlanAssert.assertThat(plan)
                    .blocked("network.dbbr0", "is needed by protected instance instance.p/web1, which stays, and"
                            + " would be deleted")
                    .blocked("project.p", "is needed by protected instance instance.p/web1");
            assertThat(plan.hasChanges()).isFalse();
        }

        @Test
        void removingProtectIsAnUpdateOfItsOwn() {
            Plan plan = diff(desired(wanted(WEB1)), lab(owned(WEB1, PROTECTED)));

            PlanAssert.assertThat(plan).has("instance.p/web1", Action.UPDATE).notBlocked("instance.p/web1");
            assertThat(plan.changes().getFirst().fields()).containsExactly(
                    new FieldChange("config.security.protection.delete", "true", null, false));
        }
    }

    @Nested
    class FieldChanges {

        @Test
        void configAndDevicesTheLabHasOnTopAreRemoved() {
            List<FieldChange> fields = Differ.fieldChanges(wanted(WEB1, "type=container"),
                    owned(WEB1, "type=container", "config.boot.autostart=false", "devices.tmp.type=disk",
                            "ingress.0.action=allow"));

            assertThat(fields).containsExactly(
                    new FieldChange("config.boot.autostart", "false", null, false),
                    new FieldChange("devices.tmp.type", "disk", null, false),
                    new FieldChange("ingress.0.action", "allow", null, false));
        }

        @Test
        void otherFieldsTheSpecLeavesOpenAreNotCompared() {
            assertThat(Differ.fieldChanges(wanted(WEB1), owned(WEB1, "location=sigsrv", "state=running",
                    "profiles=default"))).isEmpty();
        }

        @Test
        void anEmptyValueIsTheSameAsNone() {
            assertThat(Differ.fieldChanges(wanted(WEB1, "profiles="), owned(WEB1))).isEmpty();
            assertThat(Differ.fieldChanges(wanted(WEB1), owned(WEB1, "config.user.note="))).isEmpty();
        }

        @Test
        void theDaemonsOwnKeysAreIgnoredUnlessTheSpecDeclaresThem() {
            Address project = Address.of(Kind.PROJECT, "p");
            Resource have = owned(project, "config.features.images=true", "config.features.storage.buckets=true");

            assertThat(Differ.fieldChanges(wanted(project), have)).isEmpty();
            assertThat(Differ.fieldChanges(wanted(project, "config.features.images=false"), have))
                    .containsExactly(new FieldChange("config.features.images", "true", "false", false));
        }

        @Test
        void serverKeysPerKind() {
            assertThat(Differ.fieldChanges(wanted(WEB1), owned(WEB1, "config.image.os=busybox"))).isEmpty();
            Address pool = Address.of(Kind.POOL, "fast");
            assertThat(Differ.fieldChanges(wanted(pool), owned(pool, "config.source=/dev/sdb", "config.size=4GiB",
                    "config.zfs.pool_name=fast", "config.ceph.osd.pg_num=32", "config.ceph.cluster_name=ceph")))
                    .isEmpty();
            Address network = Address.of(Kind.NETWORK, "br0");
            assertThat(Differ.fieldChanges(wanted(network), owned(network, "config.ipv6.nat=true",
                    "config.bridge.external_interfaces=eth1"))).isEmpty();
            Address volume = Address.volume("p", "fast", "data");
            assertThat(Differ.fieldChanges(wanted(volume), owned(volume, "config.block.filesystem=ext4")))
                    .isEmpty();
            assertThat(Differ.fieldChanges(wanted(network), owned(network, "config.ipv4.dhcp=false")))
                    .as("a key the daemon does not set by itself is drift").hasSize(1);
        }

        @Test
        void aPerMemberPartComparesOnlyWhatTheSpecDeclares() {
            Address part = Address.onMember(Kind.NETWORK_MEMBER, "br0", "sigsrv");
            Resource want = new Resource(part, Map.of("type", "bridge"), true);
            Resource have = new Resource(part, Map.of("type", "bridge",
                    "config.bridge.external_interfaces", "eth1"), true);

            assertThat(Differ.fieldChanges(want, have)).isEmpty();
        }
    }
}
