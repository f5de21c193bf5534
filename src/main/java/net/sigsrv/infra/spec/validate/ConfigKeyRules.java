package net.sigsrv.infra.spec.validate;

import java.util.Map;
import java.util.Optional;
import net.sigsrv.infra.diag.SourcePos;
import net.sigsrv.infra.spec.model.ConfigKeys;
import net.sigsrv.infra.spec.model.ConfigKeys.Owner;
import net.sigsrv.infra.spec.model.Loc;
import net.sigsrv.infra.spec.model.Spec;

/**
 * {@code config-key-modelled} and {@code config-key-reserved}: a {@code config:} map passes keys through to the
 * daemon, after the keys the spec sets itself, so it may hold neither a key the spec models (it would override
 * what the rules checked) nor one of the reserved namespaces. Which keys those are is {@link ConfigKeys}.
 */
final class ConfigKeyRules implements SpecValidator.Rules {

    @Override
    public void check(Spec spec, Report report) {
        spec.networks().forEach(n -> config(report, "network " + n.name(), Owner.NETWORK, n.config(), n.loc()));
        spec.storage().forEach(p -> config(report, "pool " + p.name(), Owner.POOL, p.config(), p.loc()));
        spec.profiles().forEach(p -> config(report, "profile " + p.name(), Owner.PROFILE, p.settings().config(),
                p.loc()));
        spec.projects().forEach(p -> p.defaultProfile().ifPresent(d -> config(report, "project " + p.name()
                + " default profile", Owner.PROFILE, d.settings().config(), d.loc())));
        spec.instances().forEach(i -> config(report, "instance " + i.name(), Owner.INSTANCE, i.settings().config(),
                i.loc()));
    }

    private static void config(Report report, String subject, Owner owner, Map<String, String> config, Loc loc) {
        for (String key : config.keySet()) {
            SourcePos at = loc.of("config", key);
            Optional<ConfigKeys.Reserved> reserved = ConfigKeys.reserved(key);
            if (reserved.isPresent()) {
                report.error("config-key-reserved", subject, at, subject + ": config key " + key + " is "
                        + reserved.get().what() + "; remove it from config:", reserved.get().why());
                continue;
            }
            ConfigKeys.modelledBy(owner, key).ifPresent(by -> report.error("config-key-modelled", subject, at,
                    subject + ": config key " + key + " is set by " + by + "; remove it from config:",
                    "infra writes " + key + " itself, from the spec's own keys checked against the lab's rules;"
                    + " a value in config: would replace it unchecked."));
        }
    }
}
