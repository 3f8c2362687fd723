package org.convene.registrations.registration.domain;

/** People who come with an attendee and take a seat each. Interpreters booked by the organiser take none. */
public enum CompanionKind {
    CARER,
    SUPPORT_WORKER,
    PERSONAL_ASSISTANT
}
