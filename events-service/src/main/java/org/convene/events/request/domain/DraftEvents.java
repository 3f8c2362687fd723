package org.convene.events.request.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.SupportOffered;
import org.convene.events.event.domain.Visibility;
import org.jspecify.annotations.Nullable;

/**
 * The draft event an accepted request becomes, filled in from what the requester asked for. Only what
 * may one day be public goes in: never the contact's name, address, message or access notes, which
 * stay in the request. The organiser edits the rest (an online link, the venue, the time) before
 * publishing.
 */
public final class DraftEvents {

    /** Where requests come from today; the organisation's zone once organisations have one. */
    static final ZoneId ZONE = ZoneId.of("Europe/London");

    static final int WEEKS_AHEAD_WHEN_FLEXIBLE = 4;

    /** As an event's title may be, so the organiser can save the draft as it is. */
    static final int MAX_TITLE = 200;

    private DraftEvents() {}

    /** The draft for the request, at {@code wanted} or, without it, on the first preferred date still ahead. */
    public static EventService.Draft of(BookingRequest request, @Nullable Schedule wanted, Instant now) {
        var details = request.details();
        var title = details.label() + " for " + details.requester().organisation();
        if (title.length() > MAX_TITLE) {
            // An offering's name (≤ 80) and an organisation's (≤ 120) can pass an event title's 200.
            title = title.substring(0, MAX_TITLE - 1).strip() + "…";
        }
        var location = details.online()
                ? null
                : new Location.Venue(
                        "Venue to be confirmed",
                        // A request not online names its town (BookingRequest.check).
                        Objects.requireNonNull(details.town()).strip(),
                        null,
                        details.accessibility(),
                        null,
                        null);
        var eventDetails = new EventDetails(
                title,
                null,
                description(request),
                // The effective kind is the offering's own kind, never OFFERING, so it has a format.
                Objects.requireNonNull(details.effectiveKind().format()),
                details.audience().eventAudience(),
                Set.of(),
                location,
                new SupportOffered(details.interpreterLanguages(), false, List.of(), false));
        return new EventService.Draft(
                eventDetails,
                wanted != null ? wanted : schedule(request, now),
                RegistrationWindow.UNSET,
                Math.min(Math.max(details.audienceSize(), Event.MIN_CAPACITY), Event.MAX_CAPACITY),
                Event.DEFAULT_MAX_COMPANIONS,
                Event.DEFAULT_GROUP_LIMIT,
                Visibility.INVITE_ONLY);
    }

    /** 10:00 on the first preferred date after today, else in four weeks; a keynote an hour, the rest a day. */
    static Schedule schedule(BookingRequest request, Instant now) {
        var today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        var day = request.details().preferredDates().stream()
                .filter(date -> date.isAfter(today))
                .findFirst()
                .orElse(today.plusWeeks(WEEKS_AHEAD_WHEN_FLEXIBLE));
        var start = day.atTime(LocalTime.of(10, 0)).atZone(ZONE);
        var end = request.details().effectiveKind() == RequestKind.KEYNOTE ? start.plusHours(1) : start.withHour(16);
        return new Schedule(start.toInstant(), end.toInstant(), ZONE);
    }

    private static String description(BookingRequest request) {
        var details = request.details();
        var text = new StringBuilder()
                .append("Arranged with ")
                .append(details.requester().organisation())
                .append(" from their booking request.\n\nExpected audience: ")
                .append(details.audienceSize())
                .append(" (")
                .append(details.audience().name().toLowerCase().replace('_', ' '))
                .append(").");
        if (details.online()) {
            text.append("\n\nOnline: add the link before publishing.");
        }
        if (!details.accessibility().isEmpty()) {
            text.append("\n\nAccess asked for: ")
                    .append(details.accessibility().stream()
                            .sorted()
                            .map(feature -> feature.name().toLowerCase().replace('_', ' '))
                            .collect(Collectors.joining(", ")))
                    .append('.');
        }
        if (!details.interpreterLanguages().isEmpty()) {
            text.append("\n\nInterpreters asked for: ")
                    .append(String.join(", ", details.interpreterLanguages()))
                    .append('.');
        }
        return text.toString();
    }
}
