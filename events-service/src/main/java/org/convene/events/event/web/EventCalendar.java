package org.convene.events.event.web;

import java.net.URI;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventStatus;
import org.convene.events.event.domain.Location;

/**
 * An RFC 5545 calendar entry for a public event. The UID stays the same across changes and the
 * SEQUENCE follows the event's version, so calendars update the entry rather than adding another.
 * Online events say so, without the link, which only registered people receive.
 */
final class EventCalendar {

    private EventCalendar() {}

    static String of(Event event, URI eventPage) {
        var details = event.details();
        var vevent = new VEvent(event.schedule().startsAt(), event.schedule().endsAt(), details.title());
        vevent.add(new Uid(event.id().value() + "@convene"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        if (details.location() instanceof Location.Venue venue) {
            vevent.add(new net.fortuna.ical4j.model.property.Location(
                    String.join(", ", nonBlank(venue.name(), venue.address(), venue.postcode()))));
        } else {
            vevent.add(new net.fortuna.ical4j.model.property.Location("Online (link sent to registered attendees)"));
        }
        if (details.summary() != null) {
            vevent.add(new Description(details.summary()));
        }
        vevent.add(new Url(eventPage));
        vevent.add(event.status() == EventStatus.CANCELLED ? new Status("CANCELLED") : new Status("CONFIRMED"));
        var calendar = new Calendar()
                .withProdId(new ProdId("-//Convene//Events//EN").getValue())
                .withDefaults()
                .withComponent(vevent)
                .getFluentTarget();
        var out = new java.io.StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static java.util.List<String> nonBlank(String... parts) {
        return java.util.Arrays.stream(parts)
                .filter(p -> p != null && !p.isBlank())
                .toList();
    }
}
