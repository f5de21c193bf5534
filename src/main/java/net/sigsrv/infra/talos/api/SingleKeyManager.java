package net.sigsrv.infra.talos.api;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * A TLS key manager over one key and its certificate chain, for either side. Netty's own path from a key to a key
 * manager goes through a password-protected PKCS#12 store, whose key derivation (PBKDF2, 10,000 rounds) cost more
 * CPU than the handshakes themselves; this one hands the key over as it is.
 */
public final class SingleKeyManager extends X509ExtendedKeyManager {

    private static final String ALIAS = "talos";

    private final PrivateKey key;
    private final X509Certificate[] chain;

    public SingleKeyManager(PrivateKey key, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a key manager needs a certificate");
        }
        this.key = key;
        this.chain = chain.toArray(X509Certificate[]::new);
    }

    /** Whether the JDK's key type ("EdDSA", "EC", "RSA", TLS 1.2's "EC_RSA", …) is this key's. */
    private boolean fits(String keyType) {
        if (keyType == null) {
            return false;
        }
        // BouncyCastle, when registered as a provider, names EC keys "ECDSA"; the JDK's key types say "EC"
        String algorithm = switch (key.getAlgorithm()) {
            case "Ed25519" -> "EdDSA";
            case "ECDSA" -> "EC";
            default -> key.getAlgorithm();
        };
        String type = keyType.equals("Ed25519") ? "EdDSA" : keyType;
        return type.equals(algorithm) || type.startsWith(algorithm + "_");
    }

    private String aliasFor(String... keyTypes) {
        return keyTypes != null && Arrays.stream(keyTypes).anyMatch(this::fits) ? ALIAS : null;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseClientAlias(String[] keyTypes, Principal[] issuers, Socket socket) {
        return aliasFor(keyTypes);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyTypes, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyTypes);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return fits(keyType) ? new String[] {ALIAS} : null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return aliasFor(keyType);
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        return aliasFor(keyType);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return ALIAS.equals(alias) ? chain.clone() : null;
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return ALIAS.equals(alias) ? key : null;
    }

    /** Names the certificate, never the key. */
    @Override
    public String toString() {
        return "SingleKeyManager[" + chain[0].getSubjectX500Principal().getName() + "]";
    }
}
