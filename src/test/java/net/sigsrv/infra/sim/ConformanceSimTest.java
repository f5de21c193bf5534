package net.sigsrv.infra.sim;

/** The conformance suite against a private simulator (LXD 5.0.2 flavour, the lab's members and pool). */
class ConformanceSimTest extends Conformance {

    @Override
    Target target() {
        return new SimTarget();
    }
}
