package net.sigsrv.infra.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which key names hold a secret: the rule {@link Redactor} applies to every {@code key: value}, {@code key=value},
 * JSON field and table row. A name is split into words (at {@code . _ - /} and at camelCase humps:
 * {@code environment.PGPASSWORD} → environment, pgpassword; {@code apiToken} → api, token). It is a secret name
 * when one of its words ends in pass, passwd, password(s), passphrase, passcode, secret(s), token(s), key, keyring,
 * cred(s), credential(s), auth, authorization or authentication ({@code PGPASSWORD}, {@code AWS_SECRET_ACCESS_KEY},
 * {@code user.api_token}, {@code client-key-data}, {@code oauth}), except:
 * <ul>
 *   <li>ordinary words that merely end like one: bypass, compass, trespass, surpass, monkey, turkey, donkey,
 *       hockey, jockey, whiskey, turnkey; and words that only contain one (keycloak, author, passive, tokenizer);</li>
 *   <li>{@code keys}: a list of key names ("Known keys: name, description", {@code authorized_keys});</li>
 *   <li>a name whose words after the secret word say it holds something else: its type, name, id, file, path,
 *       ref, URL, TTL, expiry, method, mode, size, fingerprint, or a service it names ({@code secretName},
 *       {@code AWS_ACCESS_KEY_ID}, {@code auth_type}, {@code token_file}, {@code auth-proxy});</li>
 *   <li>the bare words {@code key}, {@code auth} and {@code pass} alone, which name ordinary things far more often
 *       than secrets ("a key: belongs to", {@code key: limits.cpu}, {@code "auth": "client certificate"}, "in one
 *       pass: plan, show"): their value is masked only when it looks like key material (base64), see
 *       {@link Redactor}.</li>
 * </ul>
 * In a table, the first cell is taken for a key only when it is written like one ({@link #isTableKey}).
 * {@code security.privileged}, {@code user.sigsrv-infra.*} and other ordinary config stay readable.
 */
final class SecretNames {

    private static final String FORMS = "(?:pass|passwd|passwords?|passphrase|passcode|secrets?|tokens?|key|keyring"
            + "|creds?|credentials?|auth|authorization|authentication)";
    private static final Pattern SECRET_WORD = Pattern.compile("[a-z0-9]*" + FORMS);
    private static final Pattern HEADER = Pattern.compile("[A-Z]+");
    private static final Set<String> ORDINARY = Set.of("bypass", "compass", "trespass", "surpass", "monkey",
            "turkey", "donkey", "hockey", "jockey", "whiskey", "turnkey");
    private static final Set<String> AMBIGUOUS = Set.of("key", "auth", "pass");
    /** How an identifier is written (a rule ID, an instance name), unlike a config key or an env variable. */
    private static final Pattern KEBAB = Pattern.compile("[a-z0-9-]+");
    private static final Set<String> NOT_THE_SECRET = Set.of("type", "types", "name", "names", "id", "ids",
            "file", "files", "path", "ref", "url", "uri", "ttl", "expiry", "expires", "expiration", "at", "method",
            "methods", "mode", "length", "size", "count", "enabled", "required", "fingerprint", "format",
            "algorithm", "usage", "usages", "policy", "provider", "proxy", "service", "server", "endpoint");

    private SecretNames() {
    }

    /** Whether a field called {@code name} holds a secret (see the class comment). */
    static boolean isSecret(String name) {
        List<String> words = words(name);
        int last = -1;
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (SECRET_WORD.matcher(w).matches() && !ORDINARY.contains(w)) {
                last = i;
            }
        }
        if (last < 0 || words.size() == 1 && AMBIGUOUS.contains(words.getFirst())) {
            return false;
        }
        for (int i = last + 1; i < words.size(); i++) {
            if (NOT_THE_SECRET.contains(words.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the first cell of a table row is a secret key: named like a secret, not a header ({@code TOKEN},
     * {@code PASSWORD}), and in a table without borders written like a config key or an env variable
     * ({@code user.api_token}, {@code PGPASSWORD}), not like an identifier ({@code yaml-duplicate-key}, an
     * instance {@code vault-token}); a bordered key/value table ({@code │ oauth │ … │}) holds keys.
     */
    static boolean isTableKey(String name, boolean bordered) {
        return isSecret(name) && (bordered || !KEBAB.matcher(name).matches())
                && !(HEADER.matcher(name).matches() && name.toLowerCase(Locale.ROOT).matches(FORMS));
    }

    /** The lower-case words of a name: split at separators and where a lower-case letter or digit meets an upper. */
    static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            boolean hump = c >= 'A' && c <= 'Z' && i > 0 && (name.charAt(i - 1) >= 'a' && name.charAt(i - 1) <= 'z'
                    || name.charAt(i - 1) >= '0' && name.charAt(i - 1) <= '9');
            if (!alnum || hump) {
                if (!w.isEmpty()) {
                    out.add(w.toString().toLowerCase(Locale.ROOT));
                    w.setLength(0);
                }
            }
            if (alnum) {
                w.append(c);
            }
        }
        if (!w.isEmpty()) {
            out.add(w.toString().toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
