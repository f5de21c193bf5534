package net.sigsrv.infra.spec.model;

/** A profile; a project's {@code default-profile} is a profile named {@code default} in that project. */
public record Profile(String name, String description, String project, Settings settings, Loc loc) {
}
