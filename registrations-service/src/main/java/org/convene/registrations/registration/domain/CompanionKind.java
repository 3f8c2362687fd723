package org.convene.registrations.registration.domain;

/**
 * People who come with an attendee, or with a group, and take a seat each. Interpreters booked by the
 * organiser take none; an interpreter a group brings itself does.
 */
public enum CompanionKind {
    CARER,
    SUPPORT_WORKER,
    PERSONAL_ASSISTANT,
    INTERPRETER,
    MANAGER
}
