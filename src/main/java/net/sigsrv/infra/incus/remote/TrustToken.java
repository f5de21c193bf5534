package net.sigsrv.infra.incus.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A trust token as {@code incus config trust add} / {@code lxc config trust add} prints it: base64 of a JSON
 * object with the server's certificate fingerprint, its addresses and a secret. The fingerprint lets the client
 * verify the server on first contact without trusting anything blindly. {@link #toString()} never shows the
 * secret.
 */
public record TrustToken(String raw, String clientName, String fingerprint, List<String> addresses) {

    public static TrustToken decode(String token) {
        try {
            byte[] json = Base64.getDecoder().decode(token.trim());
            JsonNode node = new ObjectMapper().readTree(json);
            String fingerprint = node.path("fingerprint").asText("");
            if (fingerprint.isEmpty() || node.path("secret").asText("").isEmpty()) {
                throw new IllegalArgumentException("the trust token has no fingerprint or secret");
            }
            List<String> addresses = new ArrayList<>();
            node.path("addresses").forEach(a -> addresses.add(a.asText()));
            return new TrustToken(token.trim(), node.path("client_name").asText(""), fingerprint.toLowerCase(),
                    addresses);
        } catch (IllegalArgumentException | IOException e) {
            throw new IllegalArgumentException("not a trust token (expected the base64 text that 'incus config"
                    + " trust add' prints): " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "TrustToken[client=" + clientName + ", server fingerprint=" + fingerprint + ", addresses="
                + addresses + ", secret=<hidden>]";
    }
}
