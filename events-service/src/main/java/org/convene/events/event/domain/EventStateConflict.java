package org.convene.events.event.domain;

/** The change is not possible in the event's current state, e.g. publishing a cancelled event: a 409. */
public class EventStateConflict extends RuntimeException {

    public EventStateConflict(String message) {
        super(message);
    }
}
