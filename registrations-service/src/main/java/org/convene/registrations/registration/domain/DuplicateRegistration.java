package org.convene.registrations.registration.domain;

/** The same person is already registered for the event, or the same idempotency key was used. */
public class DuplicateRegistration extends RuntimeException {

    public DuplicateRegistration(boolean sameKey) {
        super(sameKey ? "This request was already made" : "This person is already registered for this event");
    }
}
