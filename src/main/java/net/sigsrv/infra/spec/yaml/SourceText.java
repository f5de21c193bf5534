package net.sigsrv.infra.spec.yaml;

import java.util.List;

/**
 * The decoded text of a spec file and its lines, kept so diagnostics can quote the offending line.
 *
 * @param name the file name as the user gave it
 * @param text the whole text (UTF-8 decoded, BOM removed)
 */
public record SourceText(String name, String text) {

    public List<String> lines() {
        return text.lines().toList();
    }

    /** The 1-based line, or empty when out of range. */
    public String line(int number) {
        List<String> lines = lines();
        return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
    }
}
