/**
 * Records of the Incus REST API objects, as the daemon sends them (snake_case on the wire). Absent collections
 * are empty, never null. Writable objects have a matching {@code *Put} or creation record where the API differs.
 *
 * <p>May use: nothing else in the project (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.incus.api;
