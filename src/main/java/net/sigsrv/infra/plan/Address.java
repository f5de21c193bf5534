package net.sigsrv.infra.plan;

import java.util.Comparator;

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

    private static final Comparator<Address> ORDER = Comparator.comparing(Address::kind)
            .thenComparing(Address::scope).thenComparing(Address::pool).thenComparing(Address::name)
            .thenComparing(Address::member);

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

    @Override
    public int compareTo(Address o) {
        return ORDER.compare(this, o);
    }
}
