package net.sigsrv.infra.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two checksums of a saved plan, both over one canonical serialization (compact JSON, object keys sorted, so
 * the same content always gives the same bytes whatever the file's layout):
 * <ul>
 *   <li>the <em>changes digest</em>, SHA-256 over the changes sorted by address — equal digests mean equal
 *       changes, so a plan made now can be compared with the saved one by one string;</li>
 *   <li>the <em>seal</em>, HMAC-SHA256 with the user's plan key over the whole document but the seal itself — only
 *       an infra holding that key can write a file whose seal matches.</li>
 * </ul>
 * Pure functions: the key is passed in by the caller, who owns reading it.
 */
public final class PlanSeal {

    private static final ObjectMapper COMPACT = new ObjectMapper();
    private static final String HMAC = "HmacSHA256";

    private PlanSeal() {
    }

    /** SHA-256 (hex) of the changes in canonical form, in address order. */
    public static String changesDigest(List<Change> changes) {
        List<Change> sorted = new ArrayList<>(changes);
        sorted.sort(Comparator.comparing(Change::address));
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        sorted.forEach(c -> PlanFile.change(array.addObject(), c));
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical(array)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The seal of {@code document} (its {@code seal} member left out), as {@code hmac-sha256:HEX}. */
    static String seal(ObjectNode document, byte[] key) {
        ObjectNode unsealed = document.deepCopy();
        unsealed.remove("seal");
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return "hmac-sha256:" + HexFormat.of().formatHex(mac.doFinal(canonical(unsealed)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Whether {@code document}'s seal is the one {@code key} gives, compared in constant time. */
    static boolean sealMatches(ObjectNode document, byte[] key) {
        byte[] want = seal(document, key).getBytes(StandardCharsets.UTF_8);
        byte[] got = document.path("seal").asText("").getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(want, got);
    }

    private static byte[] canonical(JsonNode node) {
        try {
            return COMPACT.writeValueAsBytes(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a plan", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.naturalOrder());
            names.forEach(n -> out.set(n, sorted(node.get(n))));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(sorted(e)));
            return out;
        }
        return node;
    }
}
