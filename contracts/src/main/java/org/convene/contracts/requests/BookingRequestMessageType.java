package org.convene.contracts.requests;

/** Past-tense names of what happened to a booking request. */
public enum BookingRequestMessageType {
    /** Someone sent the organisation's request form (a duplicate within a day is not received twice). */
    BookingRequestReceived,
    /** An organiser replied to the requester; the reply is sent by email. */
    BookingRequestReplied,
    /** The request moved on: in discussion, accepted, scheduled (with its draft event) or declined. */
    BookingRequestStatusChanged,
    /** The requester's personal data was erased, on request or after retention: ids only. */
    BookingRequestErased
}
