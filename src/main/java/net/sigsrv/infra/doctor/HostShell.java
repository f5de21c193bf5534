package net.sigsrv.infra.doctor;

/** Runs a remedy's command in a host's shell. {@link SshShell} is the real one. */
public interface HostShell extends AutoCloseable {

    /** What one command did: its exit status and what it printed (stdout and stderr together). */
    record Result(int exitStatus, String output) {
        public boolean ok() {
            return exitStatus == 0;
        }
    }

    Result run(HostCommand command);

    @Override
    void close();
}
