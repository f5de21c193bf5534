package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

/** Turns the daemon's nulls into empty collections, so records never hold null collections. */
final class Nulls {

    private Nulls() {
    }

    static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    static <K, V> Map<K, V> map(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
