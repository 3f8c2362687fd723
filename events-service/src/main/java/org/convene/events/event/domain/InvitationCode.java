package org.convene.events.event.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Invitation codes (ADR 13): 128 random bits, written as 22 characters of base64url. Only
 * events-service keeps the codes, so organisers can copy an invitation link again; they leave it only
 * as their SHA-256 ({@link #hash}) and are never logged.
 */
public final class InvitationCode {

    private static final SecureRandom RANDOM = new SecureRandom();

    private InvitationCode() {}

    /** A new code: 16 random bytes as base64url without padding, {@code [A-Za-z0-9_-]{22}}. */
    public static String generate() {
        var bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the code's UTF-8 bytes, lower-case hex: how a code travels to other services. */
    public static String hash(String code) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** Whether someone's code is this one, in time that does not depend on where they differ. */
    static boolean matches(String candidate, String code) {
        return candidate != null
                && code != null
                && MessageDigest.isEqual(
                        candidate.getBytes(StandardCharsets.UTF_8), code.getBytes(StandardCharsets.UTF_8));
    }
}
