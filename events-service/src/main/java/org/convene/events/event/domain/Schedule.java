package org.convene.events.event.domain;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When an event runs, stored as instants and shown in the event's own time zone. */
public record Schedule(Instant startsAt, Instant endsAt, ZoneId zone) {

    public ZonedDateTime localStart() {
        return startsAt.atZone(zone);
    }

    public ZonedDateTime localEnd() {
        return endsAt.atZone(zone);
    }
}
