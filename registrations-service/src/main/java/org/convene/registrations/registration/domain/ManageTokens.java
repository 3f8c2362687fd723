package org.convene.registrations.registration.domain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Private manage links. A token is 256 bits derived from a server secret and the registration id,
 * so a retried request gets the same link back; only its SHA-256 hash is stored, so the database
 * alone cannot produce a working link.
 */
public final class ManageTokens {

    private final SecretKeySpec key;

    public ManageTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The manage-token secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    public String tokenFor(RegistrationId id) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            var raw = mac.doFinal(id.value().getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hash(String token) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
