package org.convene.registrations.registration.domain;

/** The same person (normalised email and name) already has an active registration for the event. */
public class AlreadyRegistered extends RuntimeException {

    private final String registrationId;

    public AlreadyRegistered(RegistrationId existing) {
        super("Already registered as " + existing);
        this.registrationId = existing.value();
    }

    public String registrationId() {
        return registrationId;
    }
}
