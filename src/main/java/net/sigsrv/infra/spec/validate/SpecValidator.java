package net.sigsrv.infra.spec.validate;

import java.util.List;
import net.sigsrv.infra.diag.Diagnostics;
import net.sigsrv.infra.spec.model.Spec;

/** Runs every lab rule over a bound spec and returns all findings. */
public final class SpecValidator {

    /** One concern's rules. Implementations report every problem and never throw for bad input. */
    interface Rules {
        void check(Spec spec, Report report);
    }

    private static final List<Rules> ALL = List.of(
            // issue 11: config keys, sizes and cross-references that used to get past the rules
            new ConfigKeyRules(), new SizeRules(), new ProfileVolumeRules(), new NodeNameRules(),
            new NameRules(), new HostRules(), new NetworkRules(), new NicRules(), new ReferenceRules(),
            new ResourceRules(), new SecurityRules(), new ProjectFeatureRules(), new ZoneAndAclRules(), new ClusterRules(), new PatchRules(), new LintRules(),
            new ValueRules(), new AclValueRules());

    private SpecValidator() {
    }

    public static Diagnostics validate(Spec spec) {
        Report report = new Report();
        ALL.forEach(rules -> rules.check(spec, report));
        return report.diagnostics();
    }
}
