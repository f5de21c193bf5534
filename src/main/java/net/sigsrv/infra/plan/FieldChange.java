package net.sigsrv.infra.plan;

/**
 * One field of an update: {@code before} or {@code after} is null when the field is added or removed.
 *
 * @param forcesReplacement whether this field alone makes the change a replacement
 */
public record FieldChange(String field, String before, String after, boolean forcesReplacement) {
}
