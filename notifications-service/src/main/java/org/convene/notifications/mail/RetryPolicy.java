package org.convene.notifications.mail;

import java.time.Duration;

/**
 * When an email that failed to go is tried again, for transactional emails and newsletters alike: a
 * refusal that will never change (5xx for the address) or the tenth failure ends it; otherwise the wait
 * doubles from 2 s after the first failure, and stops growing at 256 s after the eighth, within the
 * five minutes a mail server that is away is given between tries.
 */
public final class RetryPolicy {

    /** Failures after which an email is given up. */
    public static final int MAX_ATTEMPTS = 10;

    private RetryPolicy() {}

    /** Whether an email that has now failed {@code attempts} times is to be given up. */
    public static boolean givesUp(int attempts, boolean permanent) {
        return permanent || attempts >= MAX_ATTEMPTS;
    }

    /** How long to wait before trying again an email that has now failed {@code attempts} times. */
    public static Duration delayAfter(int attempts) {
        return Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
    }
}
