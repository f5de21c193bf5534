package net.sigsrv.infra.guard;

import java.util.List;
import java.util.Optional;

/**
 * Which objects must not be deleted, and the refusal that says how to proceed. Pure: the caller lists the protected
 * objects (from the spec: {@code protect: true} instances, the volumes they use, the projects holding them) and asks
 * before it deletes. The way out is always to edit the spec first — never a flag.
 *
 * @param specFile how the spec is named in messages (e.g. {@code lab.yaml}), or "" when there is no spec
 */
public record Protection(List<Protected> objects, String specFile) {

    /**
     * One protected object.
     *
     * @param kind    instance, volume or project
     * @param project the project it lives in ({@code default} for a project itself: unused)
     * @param name    the object's name; for a volume {@code POOL/VOLUME}
     * @param why     what protects it, e.g. "lab.yaml:12:5 sets `protect: true`" or "it holds instance web, which …"
     */
    public record Protected(String kind, String project, String name, String why) {
    }

    public Protection {
        objects = List.copyOf(objects);
    }

    /** No spec: nothing is protected by it (the lab's own {@code security.protection.delete} still is). */
    public static Protection none() {
        return new Protection(List.of(), "");
    }

    public Optional<Protected> find(String kind, String project, String name) {
        return objects.stream().filter(p -> p.kind().equals(kind) && p.name().equals(name)
                && (kind.equals("project") || p.project().equals(project))).findFirst();
    }

    /** Why deleting {@code kind project/name} is refused, or empty when it may be deleted. */
    public Optional<String> deleteRefusal(String kind, String project, String name) {
        return find(kind, project, name).map(p -> describe(p) + " is protected: " + p.why() + ". Nothing was"
                + " deleted. To delete it, edit the spec first: remove `protect: true` from " + specFile
                + " (or the instance entry), run `infra apply " + specFile + "`, then delete it again.");
    }

    /**
     * Why turning the lab-side protection key off is refused while the spec protects the instance: it would be a way
     * around {@link #deleteRefusal}.
     */
    public Optional<String> unprotectRefusal(String project, String instance) {
        return find("instance", project, instance).map(p -> describe(p) + " is protected: " + p.why()
                + "; security.protection.delete stays true. Edit the spec first: remove `protect: true` from "
                + specFile + " and run `infra apply " + specFile + "`.");
    }

    /**
     * The refusal for an instance the lab itself protects ({@code security.protection.delete=true}) when no spec
     * entry explains it: the daemon would refuse too, with a less helpful message.
     */
    public static String labProtected(String project, String instance) {
        return "instance " + instance + " in project " + project + " is protected in the lab"
                + " (security.protection.delete=true). Nothing was deleted. If a spec manages it, remove"
                + " `protect: true` there and run `infra apply` first; otherwise run"
                + " `infra instance config set " + instance + " security.protection.delete false` first.";
    }

    private static String describe(Protected p) {
        return switch (p.kind()) {
            case "project" -> "project " + p.name();
            case "volume" -> "volume " + p.name() + " in project " + p.project();
            default -> p.kind() + " " + p.name() + " in project " + p.project();
        };
    }
}
