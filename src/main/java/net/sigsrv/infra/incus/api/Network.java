package net.sigsrv.infra.incus.api;

import java.util.List;
import java.util.Map;

/** A network; {@code status} is Created, Pending (defined on some members only) or Errored. */
public record Network(String name, String description, String type, boolean managed, String status,
                      Map<String, String> config, List<String> locations, List<String> usedBy) {
    public Network {
        description = Nulls.text(description);
        status = Nulls.text(status);
        config = Nulls.map(config);
        locations = Nulls.list(locations);
        usedBy = Nulls.list(usedBy);
    }
}
