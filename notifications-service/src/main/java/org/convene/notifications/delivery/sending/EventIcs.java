package org.convene.notifications.delivery.sending;

import java.io.StringWriter;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Uid;
import org.convene.notifications.event.domain.Event;

/** The calendar entry attached to confirmations; the same UID as events-service's, so it updates, not duplicates. */
final class EventIcs {

    private EventIcs() {}

    static String of(Event event) {
        var vevent = new VEvent(event.startsAt(), event.endsAt(), event.title());
        vevent.add(new Uid(event.id().value() + "@convene"));
        vevent.add(new Sequence((int) Math.min(Integer.MAX_VALUE, event.version())));
        vevent.add(new Location(
                event.online()
                        ? (event.onlineLink() == null ? "Online" : event.onlineLink())
                        : String.join(
                                ", ",
                                java.util.stream.Stream.of(
                                                event.venueName(), event.venueAddress(), event.venuePostcode())
                                        .filter(part -> part != null && !part.isBlank())
                                        .toList())));
        var calendar = new Calendar()
                .withProdId("-//Convene//Notifications//EN")
                .withDefaults()
                .withComponent(vevent)
                .getFluentTarget();
        var out = new StringWriter();
        try {
            new CalendarOutputter(true).output(calendar, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }
}
