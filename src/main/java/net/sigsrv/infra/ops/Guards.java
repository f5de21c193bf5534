package net.sigsrv.infra.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.sigsrv.infra.guard.PrivilegedRule;
import net.sigsrv.infra.guard.Protection;
import net.sigsrv.infra.spec.model.Disk;
import net.sigsrv.infra.spec.model.Instance;
import net.sigsrv.infra.spec.model.Privilege;
import net.sigsrv.infra.spec.model.Profile;
import net.sigsrv.infra.spec.model.Spec;

/**
 * The guard rules an operation obeys, read from the spec the user points at. A {@code protect: true} instance is
 * protected, and so are the custom volumes its disks use and the project that holds it (deleting either would take
 * the instance's data with it). Only instances the spec declares {@code privileged: true} with a reason may be
 * privileged, and only with the privileged-equivalent keys its {@code config:} declares with that reason.
 */
public record Guards(Protection protection, PrivilegedRule privileged) {

    /** No spec: nothing is protected by a spec, and no instance may be made privileged. */
    public static Guards none() {
        return new Guards(Protection.none(), PrivilegedRule.none());
    }

    /** The rules of {@code spec}; {@code file} is how messages name it. */
    public static Guards of(Optional<Spec> spec, String file) {
        if (spec.isEmpty()) {
            return none();
        }
        List<Protection.Protected> protectedObjects = new ArrayList<>();
        List<PrivilegedRule.Allowed> allowed = new ArrayList<>();
        for (Instance i : spec.get().instances()) {
            if (i.protect()) {
                protectedObjects.add(new Protection.Protected("instance", i.project(), i.name(),
                        position(i, file) + " sets `protect: true`"));
                for (Disk d : i.settings().disks()) {
                    protectedObjects.add(new Protection.Protected("volume", i.project(), d.pool() + "/" + d.volume(),
                            "it is disk " + d.name() + " of instance " + i.name() + ", which " + position(i, file)
                                    + " marks `protect: true`"));
                }
                for (Profile p : profilesOf(spec.get(), i)) {
                    for (Disk d : p.settings().disks()) {
                        protectedObjects.add(new Protection.Protected("volume", i.project(), d.pool() + "/"
                                + d.volume(), "it is disk " + d.name() + " of profile " + p.name() + ", which instance "
                                + i.name() + " uses and " + position(i, file) + " marks `protect: true`"));
                    }
                }
                protectedObjects.add(new Protection.Protected("project", i.project(), i.project(),
                        "it holds instance " + i.name() + ", which " + position(i, file)
                                + " marks `protect: true`"));
            }
            Set<String> declared = Privilege.declared(i);
            if (!declared.isEmpty()) {
                allowed.add(new PrivilegedRule.Allowed(i.project(), i.name(), i.reason().orElseThrow(), declared));
            }
        }
        return new Guards(new Protection(protectedObjects, file), new PrivilegedRule(allowed, file));
    }

    /** The spec's profiles {@code i} uses, its project's default profile included. */
    private static List<Profile> profilesOf(Spec spec, Instance i) {
        List<Profile> out = new ArrayList<>();
        for (String name : i.profiles()) {
            spec.profiles().stream().filter(p -> p.name().equals(name) && p.project().equals(i.project()))
                    .findFirst().ifPresent(out::add);
            if (name.equals("default")) {
                spec.projects().stream().filter(p -> p.name().equals(i.project())).findFirst()
                        .flatMap(p -> p.defaultProfile()).filter(p -> !out.contains(p)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static String position(Instance i, String file) {
        var p = i.loc().of("protect");
        return file + ":" + p.line() + ":" + p.column();
    }

    /** Throws {@link Refused} when {@code kind project/name} is protected. */
    void checkDelete(String kind, String project, String name) {
        protection.deleteRefusal(kind, project, name).ifPresent(m -> {
            throw new Refused(m);
        });
    }
}
