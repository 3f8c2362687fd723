package org.convene.registrations.registration.domain;

/** No such event or registration, or a manage token that matches nothing: always a 404, never a 403. */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what);
    }
}
