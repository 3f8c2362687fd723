package org.convene.registrations.registration.domain;

import java.util.Map;

/** The request breaks a rule of registering (too many companions, no guardian consent): a 400 by field. */
public class InvalidRegistration extends RuntimeException {

    private final Map<String, String> fieldErrors;

    public InvalidRegistration(Map<String, String> fieldErrors) {
        super("Invalid registration: " + fieldErrors.keySet());
        this.fieldErrors = Map.copyOf(fieldErrors);
    }

    public Map<String, String> fieldErrors() {
        return fieldErrors;
    }
}
