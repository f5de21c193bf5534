package net.sigsrv.infra.spec.schema;

import java.util.List;
import java.util.Optional;

/**
 * The shape of a value in the spec. A closed set: scalars of a few kinds, lists, free-form maps and objects with
 * declared fields. The same declarations drive checking, binding, {@code infra fmt} key order and docs/spec.md's
 * reference, so they can never disagree.
 */
public sealed interface Type permits Type.Scalar, Type.ListOf, Type.MapOf, Type.Obj, Type.Patch {

    /** Short human name used in messages ("a list of networks", "an integer"). */
    String describe();

    /** The plural used after "a list of" and "a map of": "strings", "networks". */
    default String describePlural() {
        return switch (this) {
            case Obj obj -> obj.name() + "s";
            case Scalar s when s.kind() == Kind.ENUM -> "values, each " + s.describe();
            case Scalar s -> s.kind().plural();
            case ListOf list -> "lists";
            case MapOf map -> "maps";
            case Patch patch -> "patches (each a map, or a YAML file's path)";
        };
    }

    /** What scalars may be: the kind decides which YAML values are accepted. */
    enum Kind {
        /** Any scalar except booleans and null; numbers are taken as their text. */
        STRING("a string", "strings"),
        /** A whole number. */
        INT("an integer", "integers"),
        /** {@code true} or {@code false}. */
        BOOL("true or false", "booleans (true or false)"),
        /** A size: a whole number of bytes or a number with a unit (KiB, MiB, GiB, TiB, kB, MB, GB, TB). */
        SIZE("a size such as 4GiB", "sizes such as 4GiB"),
        /** One of a fixed set of words. */
        ENUM("one of the listed values", "values from a fixed list"),
        /** Any scalar; kept as text (free-form config values). */
        ANY("a scalar value", "scalar values");

        private final String description;
        private final String plural;

        Kind(String description, String plural) {
            this.description = description;
            this.plural = plural;
        }

        public String description() {
            return description;
        }

        public String plural() {
            return plural;
        }
    }

    record Scalar(Kind kind, List<String> values, long min, long max) implements Type {
        public Scalar {
            values = List.copyOf(values);
        }

        @Override
        public String describe() {
            if (kind == Kind.ENUM) {
                return "one of " + String.join(", ", values);
            }
            if (kind == Kind.INT && (min != Long.MIN_VALUE || max != Long.MAX_VALUE)) {
                return "an integer from " + min + " to " + max;
            }
            return kind.description();
        }
    }

    record ListOf(Type element) implements Type {
        @Override
        public String describe() {
            return "a list of " + element.describePlural();
        }
    }

    /** A map with keys chosen by the user (config keys, labels, per-host sources). */
    record MapOf(Type value) implements Type {
        @Override
        public String describe() {
            return "a map of " + value.describePlural();
        }
    }

    /**
     * A Talos machine-config patch: a map written inline (any YAML below it, kept as written: its keys are Talos's,
     * not the spec's), or a string naming a YAML file that holds one. What a patch may say is checked by the
     * spec's cluster rules and, against the document it patches, by the Talos layer.
     */
    record Patch() implements Type {
        @Override
        public String describe() {
            return "a patch (a map, or a YAML file's path)";
        }
    }

    /** An object with declared fields, in canonical order. */
    record Obj(String name, List<Field> fields) implements Type {
        public Obj {
            fields = List.copyOf(fields);
        }

        public Optional<Field> field(String key) {
            return fields.stream().filter(f -> f.key().equals(key)).findFirst();
        }

        public List<String> keys() {
            return fields.stream().map(Field::key).toList();
        }

        @Override
        public String describe() {
            return "a " + name;
        }
    }
}
