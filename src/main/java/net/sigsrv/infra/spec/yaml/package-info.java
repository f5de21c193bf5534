/**
 * Reading a spec file into one YAML node tree with line:column marks ({@link net.sigsrv.infra.spec.yaml.YamlFile}),
 * turning every way a file can be unusable — missing, too large, binary, not UTF-8, not YAML, several documents,
 * nested too deep ({@link net.sigsrv.infra.spec.yaml.NestingLimit}), an alias bomb ({@link
 * net.sigsrv.infra.spec.yaml.Aliases}) — into a diagnostic; the decoded text kept for quoting lines ({@link
 * net.sigsrv.infra.spec.yaml.SourceText}). Knows YAML, not the lab's keys.
 *
 * <p>May use: {@code diag}; nothing else (the package map in {@code docs/development.md}).
 */
package net.sigsrv.infra.spec.yaml;
