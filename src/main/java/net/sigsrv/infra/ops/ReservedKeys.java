package net.sigsrv.infra.ops;

import java.util.Collection;
import net.sigsrv.infra.spec.model.ConfigKeys;

/**
 * Infra's own config keys ({@code user.sigsrv-infra.*}: the lab that owns an object, the image an instance came
 * from, the lab lock) are written by infra alone. An operation that sets one by hand would hand an object to
 * another lab, take one from it, or forge or break a lock behind the lock's back, so each ops path that writes
 * config refuses them before it touches anything, and names the command that does the job properly. The
 * namespace is the spec's ({@link ConfigKeys#reserved}), so the spec and the operations refuse the same keys.
 */
final class ReservedKeys {

    private static final String MARKS = "user.sigsrv-infra.";

    private ReservedKeys() {
    }

    /** Refuses when any of {@code keys} is one of infra's own; {@code object} names what was to be changed. */
    static void refuse(String object, Collection<String> keys) {
        for (String key : keys) {
            boolean ours = ConfigKeys.reserved(key).filter(r -> r.prefix().equals(MARKS)).isPresent();
            if (ours) {
                throw new Refused("refused: config key " + key + " of " + object + " is reserved for infra's own marks ("
                        + MARKS + "*). Nothing was changed. Use `infra adopt` or `infra forget` to change which lab"
                        + " owns an object, and `infra unlock` to break a stale lab lock.");
            }
        }
    }
}
