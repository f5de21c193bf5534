package net.sigsrv.infra.plan;

import java.util.List;
import java.util.Optional;

/**
 * What the plan will do to one object.
 *
 * @param before  the observed object, absent for CREATE
 * @param after   the desired object, absent for DELETE
 * @param fields  the fields that differ (UPDATE, REPLACE), each saying whether it forces replacement
 * @param blocked why the change will not be made (a protected object would be deleted or replaced), else empty
 */
public record Change(Address address, Action action, Optional<Resource> before, Optional<Resource> after,
                     List<FieldChange> fields, Optional<String> blocked) {

    public Change {
        fields = List.copyOf(fields);
    }

    public boolean isBlocked() {
        return blocked.isPresent();
    }
}
