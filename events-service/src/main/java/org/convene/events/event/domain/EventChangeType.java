package org.convene.events.event.domain;

/**
 * What happened to an event that other services must hear about. The domain names it; messaging maps it to
 * the type the wire carries, so the aggregate never depends on the contract.
 */
public enum EventChangeType {
    PUBLISHED,
    /** Its details, limits, visibility or invitations changed while it was published. */
    UPDATED,
    RESCHEDULED,
    CAPACITY_CHANGED,
    CANCELLED,
    COMPLETED
}
