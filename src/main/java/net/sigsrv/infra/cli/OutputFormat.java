package net.sigsrv.infra.cli;

/** {@code --output}: human text or machine JSON. */
public enum OutputFormat {
    TEXT, JSON
}
