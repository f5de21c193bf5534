package net.sigsrv.infra.guard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks secrets in text before it reaches a screen, a log, the audit log or a web answer. Every secret is replaced
 * by {@link #MASK}; there is no way to ask for it back. What counts as a secret:
 * <ul>
 *   <li>PEM private keys of every type ({@code -----BEGIN … PRIVATE KEY-----}, also with escaped {@code \n}
 *       inside a JSON string): the body goes, the markers stay; a key whose END marker is missing (a truncated
 *       message) is masked to the end of the text;</li>
 *   <li>base64 of a PEM block ({@code LS0tLS1CRUdJT…}: kubeconfig {@code client-key-data} and
 *       {@code client-certificate-data}, talosconfig {@code ca}/{@code crt}/{@code key});</li>
 *   <li>base64 JSON ({@code eyJ…}): Incus/LXD trust tokens (cluster join and certificate-add tokens carry a
 *       secret, the server fingerprint and addresses) and JWTs such as Kubernetes service-account tokens;</li>
 *   <li>values of fields named like a secret ({@link SecretNames}: {@code environment.PGPASSWORD},
 *       {@code AWS_SECRET_ACCESS_KEY}, {@code user.api_token}, {@code client-key-data}, …) in YAML, JSON (also
 *       escaped inside a JSON string), env, query form, a plan's diff ({@code = "old" -> "new"}: both) and table
 *       rows whose first cell is the key; the value of a Kubernetes env pair whose name is such a name; and
 *       talosconfig's {@code key:}/{@code crt:} (a bare {@code auth:}, {@code pass:}) when they hold base64;</li>
 *   <li>values over several lines under such a key: YAML blocks, nested blocks, folded quotes, env pairs over
 *       lines, wrapped base64 ({@link SecretBlocks});</li>
 *   <li>a base64 run of 40 characters or more whose decoding holds a secret (a kubeconfig, a PEM, anything this
 *       class masks);</li>
 *   <li>{@code Bearer} tokens anywhere.</li>
 * </ul>
 * A whole kubeconfig or talosconfig document passes with every secret field masked.
 *
 * <p>Text without a trigger word (nor a long base64 run) is returned as it is after one pass over its characters.
 * Never throws.
 */
public final class Redactor {

    /** What a secret is replaced by. Holds no whitespace: a stream may hold back only the last word of a line. */
    public static final String MASK = "[REDACTED]";

    private static final Pattern PEM_BEGIN =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20})-----");
    private static final Pattern BASE64_PEM = Pattern.compile("(?<![A-Za-z0-9+/])LS0tLS1CRUdJT[A-Za-z0-9+/=]*+");
    private static final Pattern BASE64_JSON = Pattern.compile("(?<![A-Za-z0-9+/_-])eyJ[A-Za-z0-9+/=_.-]{16,}+");
    /** {@code \"…\"} (inside a JSON string), {@code "…"}, {@code '…'} (unclosed: to the end), or bare words. */
    private static final String VALUE = "\\[REDACTED\\]|\\\\\"[^\\\\]*+(?:\\\\(?!\")[^\\\\]*+)*+(?:\\\\\"|$)"
            + "|\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+(?:\"|$)"
            + "|'[^']*+(?:'|$)"
            + "|[^\\s\"',;&}\\]\\\\]++(?:[ \\t]++[^\\s\"',;&}\\]\\\\:#]++){0,32}";
    /**
     * A field, then {@code :} or {@code =}, then its value, and in a plan's diff the value it becomes
     * ({@code config.user.token = "old" -> "new"}); masked when {@link SecretNames} calls the name a secret.
     */
    private static final Pattern FIELD = Pattern.compile("(?<![A-Za-z0-9_./-])([A-Za-z0-9_.-]++)"
            + "(\\\\?[\"']?[ \\t]*[:=][ \\t]*)(" + VALUE + ")(?:([ \\t]*->[ \\t]*)(" + VALUE + "))?");
    /** A table row whose first cell is a key: {@code user.api_token   hunter2}, {@code │ PGPASSWORD │ x │}. */
    private static final Pattern TABLE_ROW = Pattern.compile("(?m)^([ \\t]*(?:[│|][ \\t]*)?)([A-Za-z0-9_.-]++)"
            + "( {2,}+|\\t++|[ \\t]*+[│|][ \\t]*+)([^\\s│|](?:[^│|\\r\\n]*?[^\\s│|])?)(?= {2}|\\t|[ \\t]*[│|]|[ \\t]*$)");
    /** An env pair on one line: {@code {"name": "DB_PASSWORD", "value": "hunter2"}}, {@code {name: X, value: y}}. */
    private static final Pattern PAIR = Pattern.compile("(?<![A-Za-z0-9_.-])\\\\?[\"']?name\\\\?[\"']?[ \\t]*[:=]"
            + "[ \\t]*\\\\?[\"']?([A-Za-z0-9_.-]++)\\\\?[\"']?[ \\t]*,[ \\t]*\\\\?[\"']?value\\\\?[\"']?[ \\t]*[:=][ \\t]*("
            + VALUE + ")");
    /** talosconfig {@code key:}/{@code crt:} (and {@code auth:} of a docker config, a bare {@code pass:}) holding base64. */
    private static final Pattern KEY_CRT = Pattern.compile("(?i)(?<![A-Za-z0-9_.-])((?:key|crt|auth|pass)\\\\?[\"']?"
            + "[ \\t]*[:=][ \\t]*\\\\?[\"']?)([A-Za-z0-9+/=]{16,}+)(?![^\\s\"',;}\\]\\\\])");
    /** A long base64 run: masked when what it decodes to holds a secret (a kubeconfig, a PEM key). */
    private static final Pattern ENCODED = Pattern.compile("(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/]{40,}+={0,2}+");
    private static final Pattern BEARER =
            Pattern.compile("(?i)(?<![A-Za-z0-9_])(bearer[ \\t]++)([A-Za-z0-9._~+/=-]{8,}+)");

    private Redactor() {
    }

    /**
     * {@code text} with every secret masked; null stays null. A value that may still go on when more text follows
     * (an unterminated key, an unclosed quote, a last word) is masked to the end, so a masked tail is always part
     * of the text's last run without whitespace — which is what lets a stream hold back only its last word.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        try {
            if (!mayHoldSecret(text)) {
                return text;
            }
            String s = text.indexOf('\n') >= 0 ? SecretBlocks.dropBodies(text) : text;
            s = privateKeys(s);
            s = replaceAll(BASE64_PEM, s, m -> true, 0, 0);
            s = replaceAll(BASE64_JSON, s, m -> true, 0, 0);
            s = replaceAll(ENCODED, s, m -> isEncodedSecret(m.group()), 0, 0);
            s = replaceAll(PAIR, s, m -> SecretNames.isSecret(m.group(1)), 1, 2);
            s = replaceAll(FIELD, s, m -> SecretNames.isSecret(m.group(1)), 1, 3, 5);
            s = replaceAll(TABLE_ROW, s, m -> SecretNames.isTableKey(m.group(2),
                    m.group(1).indexOf('│') >= 0 || m.group(1).indexOf('|') >= 0), 2, 4);
            s = replaceAll(KEY_CRT, s, m -> true, 0, 2);
            return replaceAll(BEARER, s, m -> true, 0, 2);
        } catch (RuntimeException | StackOverflowError e) {
            // a pathological input must not break output; masking it whole keeps the promise
            return MASK;
        }
    }

    /**
     * A command line with its secrets masked, one argument at a time: each as {@link #redact} masks it, the argument
     * after an option named like a secret that takes its value separately ({@code --password hunter2},
     * {@code -token x}), and an argument that is a secret only in the context of those before it
     * ({@code echo Authorization: Bearer TOKEN}): where the line read as text up to an argument would be masked, that
     * argument is.
     */
    public static java.util.List<String> redactArgv(java.util.List<String> argv) {
        java.util.List<String> out = new java.util.ArrayList<>(argv.size());
        boolean valueOfSecret = false;
        StringBuilder line = new StringBuilder();
        for (String a : argv) {
            String arg = a == null ? "" : a;
            line.append(line.isEmpty() ? "" : " ").append(arg);
            String masked = valueOfSecret && !arg.isEmpty() ? MASK : redact(arg);
            if (masked.equals(arg) && !arg.isEmpty() && !redact(line.toString()).endsWith(arg)) {
                masked = MASK;
            }
            out.add(masked);
            valueOfSecret = arg.startsWith("-") && arg.indexOf('=') < 0 && SecretNames.isSecret(arg);
        }
        return out;
    }

    /**
     * Whether {@code text} contains a trigger word (or a base64 run long enough to hide an encoded secret); cheap
     * enough for every line printed.
     */
    static boolean mayHoldSecret(CharSequence text) {
        int n = text.length();
        int base64Run = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            char lower = c < 128 ? (char) (c | 0x20) : c;
            boolean trigger = switch (lower) {
                case '-' -> c == '-' && regionMatches(text, i, "-----begin");
                case 'l' -> regionMatches(text, i, "ls0tls1crudjt");
                case 'e' -> regionMatches(text, i, "eyj");
                case 'b' -> regionMatches(text, i, "bearer");
                case 't' -> regionMatches(text, i, "token");
                case 's' -> regionMatches(text, i, "secret");
                case 'p' -> regionMatches(text, i, "pass");
                case 'a' -> regionMatches(text, i, "auth");
                case 'k' -> regionMatches(text, i, "key");
                case 'c' -> regionMatches(text, i, "crt") || regionMatches(text, i, "cred");
                default -> false;
            };
            if (trigger) {
                return true;
            }
            base64Run = lower >= 'a' && lower <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '/' ? base64Run + 1
                    : 0;
            if (base64Run >= 40) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a base64 run decodes to text that holds a secret: a PEM block, a kubeconfig or talosconfig, or
     * anything this class would mask. Binary data and hex fingerprints decode to no such text.
     */
    static boolean isEncodedSecret(String run) {
        String b = run.replace("=", "");
        int usable = b.length() - b.length() % 4;
        if (usable < 40) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b.substring(0, usable));
        } catch (IllegalArgumentException e) {
            return false;
        }
        int printable = 0;
        for (byte x : bytes) {
            if (x >= 32 && x < 127 || x == '\n' || x == '\r' || x == '\t') {
                printable++;
            }
        }
        if (printable < bytes.length * 0.9) {
            return false;
        }
        String d = new String(bytes, StandardCharsets.ISO_8859_1);
        return d.contains("-----BEGIN") || d.contains("apiVersion:") || d.contains("kind: Config")
                || d.contains("clusters:") || d.contains("contexts:") || !redact(d).equals(d);
    }

    /** Whether a private-key block opens in {@code line} and is not closed in it (its body follows). */
    static boolean opensPrivateKey(String line) {
        Matcher begin = PEM_BEGIN.matcher(line);
        String label = null;
        int after = 0;
        while (begin.find()) {
            label = begin.group(1);
            after = begin.end();
        }
        return label != null && line.indexOf("-----END " + label + "-----", after) < 0;
    }

    private static boolean regionMatches(CharSequence text, int at, String lowerWord) {
        if (at + lowerWord.length() > text.length()) {
            return false;
        }
        for (int k = 1; k < lowerWord.length(); k++) {
            char c = text.charAt(at + k);
            if ((c < 128 ? (char) (c | 0x20) : c) != lowerWord.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** PEM private-key bodies masked, markers kept; an unterminated one masked to the end. */
    private static String privateKeys(String text) {
        Matcher begin = PEM_BEGIN.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (copied < text.length() && begin.find(copied)) {
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, begin.end());
            String end = "-----END " + begin.group(1) + "-----";
            int endAt = text.indexOf(end, begin.end());
            if (endAt < 0) {
                return out.append(MASK).toString();
            }
            String sep = separator(text, begin.end());
            out.append(sep).append(MASK).append(sep).append(end);
            copied = endAt + end.length();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    /** The line break a key's body starts with (real or escaped), so a masked key keeps its layout. */
    private static String separator(String text, int at) {
        if (text.startsWith("\r\n", at)) {
            return "\r\n";
        }
        if (text.startsWith("\\n", at)) {
            return "\\n";
        }
        return text.startsWith("\n", at) ? "\n" : text.startsWith(" ", at) ? " " : "";
    }

    /**
     * {@code s} with the given groups of each match masked, for the matches {@code secret} accepts; after a match
     * it refuses, the search goes on from the end of group {@code resume} (a field's name: its value may hold the
     * next field).
     */
    private static String replaceAll(Pattern p, String s, Predicate<Matcher> secret, int resume, int... groups) {
        Matcher m = p.matcher(s);
        StringBuilder out = null;
        int copied = 0;
        int from = 0;
        while (from <= s.length() && m.find(from)) {
            if (!secret.test(m)) {
                from = Math.max(m.end(resume), m.start() + 1);
                continue;
            }
            from = Math.max(m.end(), m.start() + 1);
            for (int group : groups) {
                int start = m.start(group);
                if (start < 0 || start < copied) {
                    continue;
                }
                int end = m.end(group);
                if (s.startsWith(MASK.substring(0, MASK.length() - 1), end - MASK.length() + 1)
                        && s.startsWith("]", end)) {
                    end++; // a bare value stops before ']': take the whole mask an earlier rule put at its end
                    from = Math.max(from, end);
                }
                if (out == null) {
                    out = new StringBuilder(s.length());
                }
                out.append(s, copied, start).append(maskValue(s.substring(start, end)));
                copied = end;
            }
        }
        return out == null ? s : out.append(s, copied, s.length()).toString();
    }

    /** The masked form of a value: quotes kept, content replaced; empty, null and already masked values stay. */
    static String maskValue(String value) {
        if (value.isEmpty() || value.startsWith(MASK)) {
            return value;
        }
        for (String q : new String[] {"\\\"", "\"", "'"}) {
            if (value.startsWith(q)) {
                boolean closed = value.length() >= 2 * q.length() && value.endsWith(q);
                String inner = value.substring(q.length(), closed ? value.length() - q.length() : value.length());
                if (inner.isEmpty() || inner.equals("null") || inner.startsWith(MASK)) {
                    return value;
                }
                return q + MASK + (closed ? q : "");
            }
        }
        return value.equals("null") || value.equals("true") || value.equals("false") ? value : MASK;
    }
}
