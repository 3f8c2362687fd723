package org.convene.notifications.mail;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Paces sending to a rate shared by every connection of this instance: each caller reserves its
 * slots and waits until they come. Called on the SMTP scheduler's threads, never on an event loop.
 */
public final class SendingRate {

    private final long nanosPerMessage;
    private long nextFree = System.nanoTime();

    public SendingRate(int messagesPerSecond) {
        this.nanosPerMessage = TimeUnit.SECONDS.toNanos(1) / messagesPerSecond;
    }

    public void acquire(int messages) {
        long waitUntil;
        synchronized (this) {
            var now = System.nanoTime();
            // Unused time is not saved up beyond one second, so a quiet spell does not allow a burst.
            nextFree = Math.max(nextFree, now - TimeUnit.SECONDS.toNanos(1));
            waitUntil = nextFree;
            nextFree += nanosPerMessage * messages;
        }
        // parkNanos may return early: wait until the slot has really come.
        for (var wait = waitUntil - System.nanoTime(); wait > 0; wait = waitUntil - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }
}
