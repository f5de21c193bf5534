package net.sigsrv.infra.cli;

/** {@code --output}: human text (a table for lists), or machine-readable JSON or YAML. */
public enum OutputFormat {
    TEXT, JSON, YAML
}
