package org.convene.notifications.newsletter.domain;

/**
 * Where one newsletter's copy for one subscriber is. Stored by name, so the store and its queries keep the
 * words they always had, and a subscriber's export shows them.
 */
public enum NewsletterDeliveryStatus {
    /** Planned, not sent yet, or to be tried again; the only state a sender claims. */
    PENDING,
    /** Accepted by the mail server. */
    SENT,
    /** Refused for good, or given up after the last try. */
    FAILED,
    /** The subscriber left or erased their data after the newsletter started. */
    SKIPPED,
    /** The newsletter was cancelled before this copy went. */
    CANCELLED
}
