package net.sigsrv.infra.graph;

/**
 * The work done for one node of a walk. A step succeeds by returning and fails by throwing: whatever it throws
 * (exception or error) becomes the node's {@link Outcome.Failed} and a root error of the walk, and everything
 * downstream is skipped. There is no third outcome — a step that has nothing to do simply returns.
 *
 * <p>Steps run on their own (virtual) threads, up to the walk's parallelism at once, so anything they share must
 * be thread-safe. A step that blocks should respond to interruption: {@link Cancellation#cancelNow()} and
 * interrupting the walking thread interrupt running steps, and the walk returns only when every started step has.
 */
@FunctionalInterface
public interface Step<K> {

    void run(K node) throws Exception;
}
