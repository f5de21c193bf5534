package net.sigsrv.infra.spec.schema;

/**
 * One declared key of an object.
 *
 * @param key          the YAML key
 * @param type         its value's shape
 * @param required     whether the key must be present
 * @param defaultValue the default as docs/spec.md shows it; empty when there is none
 * @param doc          one or two sentences for the spec reference
 */
public record Field(String key, Type type, boolean required, String defaultValue, String doc) {

    public Field withDefault(String value) {
        return new Field(key, type, required, value, doc);
    }
}
