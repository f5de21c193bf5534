package net.sigsrv.infra.spec.schema;

import java.util.List;

/** Small factory for schema declarations, so {@link SpecSchema} reads like a table. */
public final class Types {

    public static final Type STRING = scalar(Type.Kind.STRING);
    public static final Type INT = scalar(Type.Kind.INT);
    public static final Type BOOL = scalar(Type.Kind.BOOL);
    public static final Type SIZE = scalar(Type.Kind.SIZE);
    public static final Type ANY = scalar(Type.Kind.ANY);
    public static final Type PATCH = new Type.Patch();

    private Types() {
    }

    private static Type scalar(Type.Kind kind) {
        return new Type.Scalar(kind, List.of(), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static Type intRange(long min, long max) {
        return new Type.Scalar(Type.Kind.INT, List.of(), min, max);
    }

    public static Type oneOf(String... values) {
        return new Type.Scalar(Type.Kind.ENUM, List.of(values), Long.MIN_VALUE, Long.MAX_VALUE);
    }

    public static Type listOf(Type element) {
        return new Type.ListOf(element);
    }

    public static Type mapOf(Type value) {
        return new Type.MapOf(value);
    }

    public static Type.Obj obj(String name, Field... fields) {
        return new Type.Obj(name, List.of(fields));
    }

    public static Field req(String key, Type type, String doc) {
        return new Field(key, type, true, "", doc);
    }

    public static Field opt(String key, Type type, String defaultValue, String doc) {
        return new Field(key, type, false, defaultValue, doc);
    }

    public static Field opt(String key, Type type, String doc) {
        return new Field(key, type, false, "", doc);
    }
}
