package net.sigsrv.infra.ops;

/**
 * An operation refused before it touched anything: a guard rule said no (a protected object, a privileged
 * instance the spec does not allow), or the request cannot be met as asked (a project that is not empty). The
 * message says why and how to proceed.
 */
public final class Refused extends RuntimeException {

    public Refused(String message) {
        super(message, null, false, false);
    }
}
