package net.sigsrv.infra.incus;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Undo steps for what a test made in the lab, run in reverse order when the test ends — also when its assertions
 * failed. A step whose object is already gone (NOT_FOUND, or an operation that failed with "not found") counts
 * as done. A failing step does not stop the others;
 * the first failure is thrown after all ran (as a suppressed exception when the test itself failed first).
 */
final class LabCleanup implements AutoCloseable {

    /** One undo step; may call the daemon. */
    interface Step {
        void run() throws Exception;
    }

    private final Deque<Step> steps = new ArrayDeque<>();

    /** Registers {@code step} to run before every step registered earlier. */
    void add(Step step) {
        steps.push(step);
    }

    @Override
    public void close() {
        RuntimeException first = null;
        while (!steps.isEmpty()) {
            try {
                steps.pop().run();
            } catch (IncusException e) {
                if (!isGone(e) && first == null) {
                    first = e;
                }
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("lab cleanup failed: " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private static boolean isGone(IncusException e) {
        return e.kind() == IncusException.Kind.NOT_FOUND
                || e.kind() == IncusException.Kind.OPERATION_FAILED && e.getMessage().contains("not found");
    }

    /** Stops (forcibly) and deletes an instance, whatever state it is in. */
    static void deleteInstance(IncusClient client, String project, String name) {
        try {
            client.instances().setState(project, name, "stop", true);
        } catch (IncusException e) {
            // not running, or gone: the delete below decides
        }
        client.instances().delete(project, name);
    }
}
