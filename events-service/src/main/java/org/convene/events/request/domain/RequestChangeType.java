package org.convene.events.request.domain;

/**
 * What happened to a booking request that notifications must hear about. The domain names it; messaging maps
 * it to the type the wire carries, so the aggregate never depends on the contract.
 */
public enum RequestChangeType {
    RECEIVED,
    REPLIED,
    /** In discussion, accepted, scheduled or declined. */
    STATUS_CHANGED,
    /** The requester's personal data was erased: the message carries ids only. */
    ERASED
}
