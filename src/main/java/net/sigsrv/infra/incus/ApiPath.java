package net.sigsrv.infra.incus;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An API path with its query, built without string pasting mistakes: names are URL-escaped as path segments,
 * query values as query values. Immutable.
 */
public record ApiPath(String path, Map<String, String> query) {

    public ApiPath {
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query));
    }

    /** {@code ApiPath.of("/1.0/instances", name, "state")} → {@code /1.0/instances/<name>/state}. */
    public static ApiPath of(String base, String... segments) {
        StringBuilder p = new StringBuilder(base);
        for (String s : segments) {
            p.append('/').append(URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return new ApiPath(p.toString(), Map.of());
    }

    /**
     * An address as the daemon gives it ({@code /1.0/operations/ID?project=p}): the path as it is, the query split
     * into its decoded parameters, so that appending to the path never lands inside the query.
     */
    public static ApiPath parse(String url) {
        int q = url.indexOf('?');
        if (q < 0) {
            return new ApiPath(url, Map.of());
        }
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : url.substring(q + 1).split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            query.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return new ApiPath(url.substring(0, q), query);
    }

    /** This path with {@code /segment} appended (escaped), the query kept. */
    public ApiPath child(String segment) {
        return new ApiPath(of(path, segment).path(), query);
    }

    public ApiPath with(String key, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(key, value);
        return new ApiPath(path, q);
    }

    public ApiPath project(String project) {
        return project == null || project.equals("default") ? this : with("project", project);
    }

    public ApiPath target(String member) {
        return with("target", member);
    }

    public ApiPath recursion(int level) {
        return with("recursion", String.valueOf(level));
    }

    /**
     * The name an object URL of a {@code recursion=0} listing ends in, without the query the daemon may append
     * ({@code /1.0/instances/web?project=p} → {@code web}). Percent-escapes are decoded; the daemon also sends
     * some names unescaped (LXD 5.0.2: {@code …/backups/b 1}), which pass through as they are.
     */
    public static String lastSegment(String url) {
        int query = url.indexOf('?');
        String path = query < 0 ? url : url.substring(0, query);
        String last = path.substring(path.lastIndexOf('/') + 1);
        return last.indexOf('%') < 0 ? last
                : URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The path and query as sent. */
    public String render() {
        if (query.isEmpty()) {
            return path;
        }
        StringBuilder s = new StringBuilder(path).append('?');
        query.forEach((k, v) -> s.append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
        return s.substring(0, s.length() - 1);
    }

    @Override
    public String toString() {
        return render();
    }
}
