package net.sigsrv.infra.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the audit log back ({@code infra audit}): the entries since a time, whose object contains a text. Reading
 * writes nothing. Lines that are not JSON objects (a torn last line after a crash) are skipped and counted.
 *
 * @param since  entries at or after this time, or none for all
 * @param object text the entry's object path must contain (with the name a POST creates: {@code /1.0/instances/web}
 *               finds the POST to {@code /1.0/instances} that made web), or "" for all
 */
public record AuditQuery(Optional<Instant> since, String object) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw])");

    /** What was read: the matching entries in file order, and how many lines were unreadable. */
    public record Entries(List<JsonNode> entries, int unreadable) {
    }

    public Entries read(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        int bad = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry;
                try {
                    entry = JSON.readTree(line);
                } catch (IOException e) {
                    bad++;
                    continue;
                }
                if (entry == null || !entry.isObject()) {
                    bad++;
                } else if (matches(entry)) {
                    out.add(entry);
                }
            }
        } catch (NoSuchFileException e) {
            return new Entries(List.of(), 0);
        }
        return new Entries(out, bad);
    }

    private boolean matches(JsonNode entry) {
        String path = entry.path("object").asText("");
        if (!object.isEmpty() && !path.contains(object)
                && !(entry.path("name").isTextual() && (path + "/" + entry.path("name").asText()).contains(object))) {
            return false;
        }
        if (since.isPresent()) {
            try {
                return !Instant.parse(entry.path("time").asText("")).isBefore(since.get());
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code --since}: a duration back from {@code now} ({@code 90s}, {@code 30m}, {@code 2h}, {@code 1d},
     * {@code 1w}, or combined {@code 1h30m}), an instant ({@code 2026-11-25T20:00:00Z}), a local date-time
     * ({@code 2026-11-25T20:00}) or a local date ({@code 2026-11-25}, from its midnight).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Instant since(String text, Instant now, ZoneId zone) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = DURATION.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofDays(7 * n);
            });
            at = m.end();
        }
        if (at > 0 && at == t.length()) {
            return now.minus(total);
        }
        String raw = text.strip();
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(raw);
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(raw).atZone(zone).toInstant();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(raw).atStartOfDay(zone).toInstant();
                    } catch (DateTimeParseException notDate) {
                        throw new IllegalArgumentException("--since '" + text + "' is neither a duration (90s, 30m,"
                                + " 2h, 1d, 1w, 1h30m) nor a time (2026-11-25T20:00:00Z, 2026-11-25T20:00,"
                                + " 2026-11-25)");
                    }
                }
            }
        }
    }
}
