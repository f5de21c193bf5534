package net.sigsrv.infra.incus;

/**
 * One entry of an object's {@code used_by} list, read: what kind of object it names, in which project, by which
 * name. The address stays as the daemon gave it, so {@link #object} reaches exactly the object it named.
 *
 * @param type    instance, profile, custom volume, image, network, or something else ({@link #path} says what)
 * @param project its project ({@code default} when the address names none)
 * @param pool    the pool of a volume, else empty
 * @param name    the last path segment, unescaped (an image's fingerprint)
 * @param path    the path without its query
 * @param address the path and query as the daemon gave them
 */
public record UsedBy(Type type, String project, String pool, String name, String path, ApiPath address) {

    public enum Type { INSTANCE, PROFILE, VOLUME, IMAGE, NETWORK, OTHER }

    /** Reads one {@code used_by} URL ({@code /1.0/instances/web?project=p}). */
    public static UsedBy parse(String url) {
        ApiPath address = ApiPath.parse(url);
        String path = address.path();
        String[] s = path.split("/");
        String name = ApiPath.lastSegment(path);
        String project = address.query().getOrDefault("project", "default");
        String pool = "";
        Type type;
        if (path.startsWith("/1.0/profiles/")) {
            type = Type.PROFILE;
        } else if (path.startsWith("/1.0/instances/")) {
            type = Type.INSTANCE;
        } else if (path.contains("/volumes/") && s.length >= 4) {
            type = Type.VOLUME;
            pool = ApiPath.lastSegment(s[3]);
        } else if (path.startsWith("/1.0/images/")) {
            type = Type.IMAGE;
        } else if (path.startsWith("/1.0/networks/")) {
            type = Type.NETWORK;
        } else {
            type = Type.OTHER;
        }
        return new UsedBy(type, project, pool, name, path, address);
    }

    /** The object this entry names, at the address the daemon gave (it cannot be created from here). */
    public ApiObject object(IncusClient client) {
        return new ApiObject(client, null, address);
    }
}
