package org.convene.registrations.registration.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * An invitation to an event, as events-service announced it (ADR 13): its code known only by its
 * SHA-256, and the places held for registrations made with it until {@code releaseAt} (null: while
 * the event runs). A revoked invitation is no longer announced, so it admits nobody and holds
 * nothing; registrations made with it keep what they have.
 */
public record Invitation(
        String id,
        String partner,
        String codeHash,
        int seatsHeld,
        @Nullable Instant releaseAt) {

    /** Whether its places are still held for it at {@code now}. */
    public boolean holdsAt(Instant now) {
        return seatsHeld > 0 && (releaseAt == null || now.isBefore(releaseAt));
    }

    /** Whether {@code code} is this invitation's code. */
    public boolean admits(@Nullable String code) {
        return code != null
                && MessageDigest.isEqual(
                        hash(code).getBytes(StandardCharsets.US_ASCII), codeHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** SHA-256 of the code's UTF-8 bytes, lower-case hex: how events-service sends it. */
    public static String hash(String code) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
