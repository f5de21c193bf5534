package net.sigsrv.infra.plan;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One object's comparable state, desired or observed, as flat sorted fields: {@code description},
 * {@code config.limits.cpu}, {@code devices.eth0.network}, {@code state}, {@code profiles}, {@code location}, ….
 * Flat fields make the diff, its rendering and its JSON the same code for every kind.
 *
 * @param owned whether the object carries this lab's ownership mark (always true for desired resources)
 */
public record Resource(Address address, Map<String, String> fields, boolean owned) {

    public Resource {
        fields = Collections.unmodifiableMap(new TreeMap<>(fields));
    }

    public String field(String key) {
        return fields.getOrDefault(key, "");
    }

    public boolean has(String key) {
        return fields.containsKey(key);
    }
}
