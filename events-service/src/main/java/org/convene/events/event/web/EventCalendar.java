package org.convene.events.event.web;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.ParameterList;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.parameter.Value;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Name;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.RefreshInterval;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.XProperty;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventStatus;
import org.convene.events.event.domain.Location;
import org.jspecify.annotations.Nullable;

/**
 * RFC 5545 calendar entries for public events: one event's {@code .ics}, or an organisation's feed
 * holding the same entry for each of its events. The UID stays the same across changes and the
 * SEQUENCE follows the event's version, so calendars update the entry rather than adding another.
 * Online events say so, without the link, which only registered people receive.
 */
public final class EventCalendar {

    private EventCalendar() {}

    /** The public address an event's entry links to. */
    static URI eventPage(URI publicBaseUrl, Event event) {
        return publicBaseUrl.resolve("/api/events/" + event.id());
    }

    /** One event's calendar. */
    static String of(Event event, URI eventPage) {
        return write(calendar().withComponent(entry(event, eventPage)).getFluentTarget(), true);
    }

    /**
     * A feed to subscribe to: the events' entries, exactly as each event's own calendar has it, under the
     * organisation's name, with how often calendar apps should fetch it again (RFC 7986
     * {@code REFRESH-INTERVAL}, and {@code X-PUBLISHED-TTL}, which Outlook and Apple Calendar read).
     */
    public static String feed(String name, List<Event> events, URI publicBaseUrl, Duration refresh) {
        var calendar = calendar()
                .withProperty(new Name(name))
                .withProperty(new XProperty("X-WR-CALNAME", name))
                .withProperty(new RefreshInterval(new ParameterList(List.of(Value.DURATION)), refresh))
                .withProperty(new XProperty("X-PUBLISHED-TTL", refresh.toString()))
                .getFluentTarget();
        for (var event : events) {
            calendar = calendar.withComponent(entry(event, eventPage(publicBaseUrl, event)))
                    .getFluentTarget();
        }
        // RFC 5545 wants at least one component; calendar apps read an empty feed as "nothing yet", which it is.
        return write(calendar, !events.isEmpty());
    }

    private static VEvent entry(Event event, URI eventPage) {
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
        return vevent;
    }

    private static Calendar calendar() {
        return new Calendar()
                .withProdId(new ProdId("-//Convene//Events//EN").getValue())
                .withDefaults()
                .getFluentTarget();
    }

    private static String write(Calendar calendar, boolean validate) {
        var out = new java.io.StringWriter();
        try {
            new CalendarOutputter(validate).output(calendar, out);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString();
    }

    private static java.util.List<String> nonBlank(@Nullable String... parts) {
        // A loop, not a stream: NullAway follows the null check here, not through filter().
        var kept = new java.util.ArrayList<String>();
        for (var part : parts) {
            if (part != null && !part.isBlank()) {
                kept.add(part);
            }
        }
        return java.util.List.copyOf(kept);
    }
}
