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
 *
 * <p>Check-in codes come from the same secret with their own purpose ({@value #CHECK_IN_PURPOSE}), one
 * per person: the registrant's from the registration id, each young person's of a group from
 * {@code registrationId/memberId}. A check-in code is useless as a manage link and the other way round;
 * neither is stored in clear.
 */
public final class ManageTokens {

    private final SecretKeySpec key;

    public ManageTokens(byte[] secret) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("The manage-token secret needs at least 32 bytes");
        }
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    static final String CHECK_IN_PURPOSE = "check-in:";

    public String tokenFor(RegistrationId id) {
        return mac(id.value());
    }

    /** The registrant's code to show at the door. */
    public String checkInCodeFor(RegistrationId id) {
        return mac(CHECK_IN_PURPOSE + id.value());
    }

    /** One young person's code to show at the door. */
    public String checkInCodeFor(RegistrationId id, String memberId) {
        return mac(CHECK_IN_PURPOSE + id.value() + "/" + memberId);
    }

    /** Whether the typed or scanned code is this one, in time that does not depend on where they differ. */
    public static boolean same(String code, String expected) {
        return MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    private String mac(String input) {
        try {
            var mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            var raw = mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
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
