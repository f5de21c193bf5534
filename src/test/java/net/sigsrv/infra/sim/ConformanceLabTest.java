package net.sigsrv.infra.sim;

import org.junit.jupiter.api.Tag;

/** The conformance suite against the real two-member LXD lab; skipped (loudly) when the lab is not up. */
@Tag("lab")
class ConformanceLabTest extends Conformance {

    @Override
    Target target() {
        return new LabTarget();
    }
}
