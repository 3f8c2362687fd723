package org.convene.events.request.domain;

/** No such request for this organisation: another organisation's requests do not exist for its organisers. */
public class RequestNotFound extends RuntimeException {

    public RequestNotFound(BookingRequestId id) {
        super("No booking request " + id);
    }
}
