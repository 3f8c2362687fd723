package org.convene.events.event.domain;

/** No such event, or none this caller may see: both are a 404, so ids of others' drafts are not revealed. */
public class EventNotFound extends RuntimeException {

    public EventNotFound(EventId id) {
        super("No event " + id);
    }
}
