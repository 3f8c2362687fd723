package org.convene.notifications.delivery.domain;

/**
 * Where one email is (ADR 9). Stored by name, so the store and its queries keep the words they always had.
 */
public enum DeliveryStatus {
    /** Waiting to be sent, or to be tried again; the only state a sender claims. */
    PENDING,
    /** Accepted by the mail server. */
    SENT,
    /** Refused for good, given up after the last try, or its facts never came. */
    FAILED,
    /** Never to be sent: the person's data was erased before it went. */
    ERASED;

    /** Nothing more will happen to it: only such emails leave when an event's data is kept no longer. */
    public boolean finished() {
        return this != PENDING;
    }
}
