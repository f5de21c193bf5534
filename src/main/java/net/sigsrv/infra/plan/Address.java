package net.sigsrv.infra.plan;

/**
 * Names one lab object across plan, apply and output: {@code network.sigsrvbr0}, {@code network.sigsrvbr0@sigsrv}
 * (its per-member part), {@code instance.lab-p1/web1}, {@code volume.lab-p1/default/data},
 * {@code zone_record.sigsrv.local/p1c0}.
 *
 * @param kind    what it is
 * @param scope   the project (profiles, volumes, instances), the zone (records), else empty
 * @param pool    the pool of a volume, else empty
 * @param name    its name
 * @param member  the cluster member of a per-member part, else empty
 */
public record Address(Kind kind, String scope, String pool, String name, String member)
        implements Comparable<Address> {

    public static Address of(Kind kind, String name) {
        return new Address(kind, "", "", name, "");
    }

    public static Address scoped(Kind kind, String scope, String name) {
        return new Address(kind, scope, "", name, "");
    }

    public static Address onMember(Kind kind, String name, String member) {
        return new Address(kind, "", "", name, member);
    }

    public static Address volume(String project, String pool, String name) {
        return new Address(Kind.VOLUME, project, pool, name, "");
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder(kind.label()).append('.');
        if (!scope.isEmpty()) {
            s.append(scope).append('/');
        }
        if (!pool.isEmpty()) {
            s.append(pool).append('/');
        }
        s.append(name);
        if (!member.isEmpty()) {
            s.append('@').append(member);
        }
        return s.toString();
    }

    /** By kind, then scope, pool, name and member (written out: plans sort and look up thousands of these). */
    @Override
    public int compareTo(Address o) {
        int c = kind == o.kind ? 0 : Kind.ORDER.compare(kind, o.kind);
        if (c == 0) {
            c = scope.compareTo(o.scope);
        }
        if (c == 0) {
            c = pool.compareTo(o.pool);
        }
        if (c == 0) {
            c = name.compareTo(o.name);
        }
        return c != 0 ? c : member.compareTo(o.member);
    }
}
