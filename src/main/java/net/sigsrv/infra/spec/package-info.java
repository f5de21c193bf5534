/**
 * The lab spec: one YAML file that describes hosts, networks, storage, projects, profiles, instances, zones, ACLs
 * and Talos clusters. Subpackages: {@code yaml} reads bytes into a node tree with line:column marks;
 * {@code schema} declares every key (type, default, documentation) and checks the tree against it; {@code model}
 * holds the immutable records; {@code validate} runs the lab's rules. Entry point: {@link
 * net.sigsrv.infra.spec.SpecLoader}.
 *
 * <p>Depends only on {@code diag}. Does no network I/O and never prints.
 *
 * <p>(The planned {@code values} package, IPv4/CIDR and sizes, may be used too: the package map in
 * {@code docs/development.md}.)
 */
package net.sigsrv.infra.spec;
