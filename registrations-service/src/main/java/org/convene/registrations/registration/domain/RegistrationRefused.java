package org.convene.registrations.registration.domain;

/** Registration is not possible for this event now (closed window, cancelled event): a 409 saying why. */
public class RegistrationRefused extends RuntimeException {

    public RegistrationRefused(String reason) {
        super(reason);
    }
}
