package org.convene.events.request.domain;

/** Not possible in the request's current status, such as declining a scheduled one: a 409. */
public class RequestStateConflict extends RuntimeException {

    public RequestStateConflict(String message) {
        super(message);
    }
}
