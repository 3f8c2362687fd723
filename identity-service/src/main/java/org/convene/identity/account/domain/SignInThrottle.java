package org.convene.identity.account.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Slows down password guessing: after {@code freeFailures} wrong passwords for one email, that email
 * is locked for {@code firstLockout}, doubling with each further failure up to {@code maxLockout}.
 * It counts by email whether or not an account exists, so the sign-in page behaves the same for a
 * stranger's guess as for a real account and reveals nothing. Emails are kept only as hashes.
 */
public final class SignInThrottle {

    private final SignInAttempts attempts;
    private final Clock clock;
    private final int freeFailures;
    private final Duration firstLockout;
    private final Duration maxLockout;
    private final Duration forgetAfter;

    public SignInThrottle(
            SignInAttempts attempts,
            Clock clock,
            int freeFailures,
            Duration firstLockout,
            Duration maxLockout,
            Duration forgetAfter) {
        this.attempts = attempts;
        this.clock = clock;
        this.freeFailures = freeFailures;
        this.firstLockout = firstLockout;
        this.maxLockout = maxLockout;
        this.forgetAfter = forgetAfter;
    }

    /** When the email may try again, if it is locked now. */
    public Optional<Instant> lockedUntil(String email) {
        var now = clock.instant();
        return attempts.find(key(email))
                .map(SignInAttempts.Record::lockedUntil)
                .filter(until -> until != null && until.isAfter(now));
    }

    public void failed(String email) {
        var now = clock.instant();
        var key = key(email);
        var record = attempts.recordFailure(key, now, now.minus(forgetAfter));
        int beyond = record.failures() - freeFailures;
        if (beyond >= 0) {
            var lockout = firstLockout.multipliedBy(1L << Math.min(beyond, 20));
            attempts.lockUntil(key, now.plus(lockout.compareTo(maxLockout) > 0 ? maxLockout : lockout));
        }
    }

    public void succeeded(String email) {
        attempts.clear(key(email));
    }

    static String key(String email) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(Account.normaliseEmail(email).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
