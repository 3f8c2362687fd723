package org.convene.identity.account.domain;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Failed sign-ins per email, kept whether or not an account has that email. */
public interface SignInAttempts {

    record Record(
            int failures,
            @Nullable Instant lastFailureAt,
            @Nullable Instant lockedUntil) {}

    Optional<Record> find(String emailKey);

    /** Adds one failure, starting the count again when the last one is older than {@code resetBefore}. */
    Record recordFailure(String emailKey, Instant now, Instant resetBefore);

    void lockUntil(String emailKey, Instant until);

    void clear(String emailKey);
}
