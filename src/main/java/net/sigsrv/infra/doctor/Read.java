package net.sigsrv.infra.doctor;

import java.util.Optional;
import java.util.function.Supplier;
import net.sigsrv.infra.incus.IncusException;

/**
 * The outcome of one read from the daemon: the value, or why it could not be had (the daemon's message). A check
 * turns a failed read into a finding instead of stopping the whole doctor.
 */
record Read<T>(T value, String error, boolean notFound) {

    static <T> Read<T> of(Supplier<T> read) {
        try {
            return new Read<>(read.get(), "", false);
        } catch (IncusException e) {
            return new Read<>(null, e.getMessage(), e.kind() == IncusException.Kind.NOT_FOUND);
        }
    }

    static <T> Read<T> failed(String why) {
        return new Read<>(null, why, false);
    }

    boolean ok() {
        return error.isEmpty();
    }

    Optional<T> get() {
        return Optional.ofNullable(value);
    }
}
