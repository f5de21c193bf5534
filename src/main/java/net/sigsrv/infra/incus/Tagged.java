package net.sigsrv.infra.incus;

/** A value read together with its ETag, to send back as If-Match when changing it. */
public record Tagged<T>(T value, String etag) {
}
