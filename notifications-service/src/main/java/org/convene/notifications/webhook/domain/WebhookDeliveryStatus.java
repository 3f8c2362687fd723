package org.convene.notifications.webhook.domain;

/**
 * Where one fact for one endpoint is (ADR 17). Stored by name and shown by name in the delivery log, so
 * the store, its queries and the API keep the words they always had.
 */
public enum WebhookDeliveryStatus {
    /** Waiting for its turn, or to be tried again; the only state a sender claims. */
    PENDING,
    /** The endpoint answered 2xx. */
    DELIVERED,
    /** Past its time for retries, answered 410 Gone, or its endpoint was disabled. */
    FAILED
}
