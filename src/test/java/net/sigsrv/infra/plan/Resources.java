package net.sigsrv.infra.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small builders for unit tests of the differ: resources written as {@code "key=value"} pairs. */
final class Resources {

    static final String LAB = "lab";

    private Resources() {
    }

    static Address instance(String project, String name) {
        return Address.scoped(Kind.INSTANCE, project, name);
    }

    static Resource owned(Address a, String... fields) {
        Map<String, String> f = fields(fields);
        f.put("config." + Ownership.KEY, LAB);
        return new Resource(a, f, true);
    }

    static Resource unowned(Address a, String... fields) {
        return new Resource(a, fields(fields), false);
    }

    /** A resource as {@link Desired} makes it: owned, with the ownership mark. */
    static Resource wanted(Address a, String... fields) {
        return owned(a, fields);
    }

    static Map<Address, Resource> desired(Resource... resources) {
        Map<Address, Resource> m = new LinkedHashMap<>();
        for (Resource r : resources) {
            m.put(r.address(), r);
        }
        return m;
    }

    /** An observed lab holding exactly these resources. */
    static Observed lab(Resource... resources) {
        Observed o = new Observed(LAB, List.of());
        for (Resource r : resources) {
            o.resources().put(r.address(), r);
        }
        return o;
    }

    static Plan diff(Map<Address, Resource> desired, Observed observed) {
        return Differ.diff(desired, observed, List.of());
    }

    private static Map<String, String> fields(String... pairs) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String p : pairs) {
            int eq = p.indexOf('=');
            f.put(p.substring(0, eq), p.substring(eq + 1));
        }
        return f;
    }
}
