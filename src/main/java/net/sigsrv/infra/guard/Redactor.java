package net.sigsrv.infra.guard;

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
 *   <li>values of fields named like a secret, in YAML, JSON (also escaped inside a JSON string), env or query form:
 *       {@code token}, {@code secret}, {@code password}, {@code authorization}, {@code client-key-data},
 *       {@code private_key}, … also prefixed ({@code trust_token}, {@code user.db-password}); and
 *       talosconfig's {@code key:}/{@code crt:} when they hold base64;</li>
 *   <li>{@code Bearer} tokens anywhere.</li>
 * </ul>
 * A whole kubeconfig or talosconfig document passes with every secret field masked.
 *
 * <p>Text without a trigger word is returned as it is after one pass over its characters. Never throws.
 */
public final class Redactor {

    /** What a secret is replaced by. Holds no whitespace: a stream may hold back only the last word of a line. */
    public static final String MASK = "[REDACTED]";

    private static final Pattern PEM_BEGIN =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]{0,40}PRIVATE KEY[A-Z0-9 ]{0,20})-----");
    private static final Pattern BASE64_PEM = Pattern.compile("(?<![A-Za-z0-9+/])LS0tLS1CRUdJT[A-Za-z0-9+/=]*+");
    private static final Pattern BASE64_JSON = Pattern.compile("(?<![A-Za-z0-9+/_-])eyJ[A-Za-z0-9+/=_.-]{16,}+");
    private static final String NAME = "(?:[A-Za-z0-9_.-]*[_.-])?(?:token|secret|password|passwd|passphrase"
            + "|authorization|client-key-data|client-certificate-data|private[_-]?key|client[_-]?key"
            + "|certificate[_-]key|tls[_-]key|api[_-]?key)";
    /** {@code \"…\"} (inside a JSON string), {@code "…"}, {@code '…'} (unclosed: to the end), or bare words. */
    private static final String VALUE = "\\[REDACTED\\]|\\\\\"[^\\\\]*+(?:\\\\(?!\")[^\\\\]*+)*+(?:\\\\\"|$)"
            + "|\"[^\"\\\\]*+(?:\\\\.[^\"\\\\]*+)*+(?:\"|$)"
            + "|'[^']*+(?:'|$)"
            + "|[^\\s\"',;&}\\]\\\\]++(?:[ \\t]++[^\\s\"',;&}\\]\\\\:#]++){0,32}";
    /** A field named like a secret, then {@code :} or {@code =}, then its value. */
    private static final Pattern FIELD = Pattern.compile("(?i)(?<![A-Za-z0-9_.-])(" + NAME
            + ")(\\\\?[\"']?[ \\t]*[:=][ \\t]*)(" + VALUE + ")");
    /** talosconfig {@code key:}/{@code crt:} (and the like) holding base64. */
    private static final Pattern KEY_CRT = Pattern.compile("(?i)(?<![A-Za-z0-9_.-])((?:key|crt)\\\\?[\"']?[ \\t]*:"
            + "[ \\t]*\\\\?[\"']?)([A-Za-z0-9+/=]{32,}+)");
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
            String s = privateKeys(text);
            s = replaceAll(BASE64_PEM, s, 0);
            s = replaceAll(BASE64_JSON, s, 0);
            s = replaceAll(FIELD, s, 3);
            s = replaceAll(KEY_CRT, s, 2);
            return replaceAll(BEARER, s, 2);
        } catch (RuntimeException | StackOverflowError e) {
            // a pathological input must not break output; masking it whole keeps the promise
            return MASK;
        }
    }

    /** Whether {@code text} contains a trigger word; cheap enough for every line printed. */
    static boolean mayHoldSecret(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            String word = switch (c < 128 ? (char) (c | 0x20) : c) {
                case '-' -> c == '-' ? "-----begin" : null;
                case 'l' -> "ls0tls1crudjt";
                case 'e' -> "eyj";
                case 'b' -> "bearer";
                case 't' -> "token";
                case 's' -> "secret";
                case 'p' -> "passw";
                case 'a' -> "authorization";
                case 'k' -> "key";
                case 'c' -> "crt";
                default -> null;
            };
            if (word != null && regionMatches(text, i, word)
                    || c == 'p' && regionMatches(text, i, "passphrase")) {
                return true;
            }
        }
        return false;
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

    private static String replaceAll(Pattern p, String s, int group) {
        Matcher m = p.matcher(s);
        if (!m.find()) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int copied = 0;
        do {
            int start = m.start(group);
            int end = m.end(group);
            if (s.startsWith(MASK.substring(0, MASK.length() - 1), end - MASK.length() + 1)
                    && s.startsWith("]", end)) {
                end++; // a bare value stops before ']': take the whole mask an earlier rule put at its end
            }
            out.append(s, copied, start).append(mask(s.substring(start, end)));
            copied = end;
        } while (m.find());
        return out.append(s, copied, s.length()).toString();
    }

    /** The masked form of a value: quotes kept, content replaced; empty, null and already masked values stay. */
    private static String mask(String value) {
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
