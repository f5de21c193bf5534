/**
 * Small values every room shares and parses the same way: IPv4 addresses and CIDR networks
 * ({@link net.sigsrv.infra.values.Ipv4}) and byte sizes written the Incus way ({@link net.sigsrv.infra.values.Size}).
 * The spec's rules, the planner, the simulator and the doctor all read addresses and sizes through these, so that
 * what the spec accepts, the simulator counts and the doctor computes cannot disagree.
 *
 * <p>What it must not do: depend on anything (it imports nothing from {@code net.sigsrv.infra} and nothing outside
 * the JDK), do I/O, or throw for bad input — a parser answers empty and the caller reports the problem in its own
 * words.
 */
package net.sigsrv.infra.values;
