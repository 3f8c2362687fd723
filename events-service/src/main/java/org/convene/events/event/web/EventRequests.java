package org.convene.events.event.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.SupportOffered;
import org.convene.events.event.domain.Translations;
import org.convene.events.event.domain.Visibility;
import org.jspecify.annotations.Nullable;

/** Turns validated requests into domain values, reporting what cannot be turned by field name. */
final class EventRequests {

    private EventRequests() {}

    static EventService.Draft toDraft(EventRequest request) {
        var errors = new LinkedHashMap<String, String>();
        var zone = zone(request.timeZone(), errors);
        var location = location(request, errors);
        if (zone != null) {
            requireExisting("startsAt", request.startsAt(), zone, errors);
            requireExisting("endsAt", request.endsAt(), zone, errors);
        }
        // Without a zone there is an error already.
        if (zone == null || !errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        var details = new EventDetails(
                request.title().strip(),
                request.summary() == null ? null : request.summary().strip(),
                request.description(),
                request.format(),
                request.audience(),
                request.topics(),
                location,
                support(request.support()),
                request.easyReadSummary(),
                translations(request.translations()));
        return new EventService.Draft(
                details,
                schedule(request.startsAt(), request.endsAt(), zone),
                window(request.registrationOpensAt(), request.registrationClosesAt(), zone),
                request.capacity(),
                request.maxCompanions() == null ? Event.DEFAULT_MAX_COMPANIONS : request.maxCompanions(),
                request.groupLimit() == null ? Event.DEFAULT_GROUP_LIMIT : request.groupLimit(),
                request.visibility() == null ? Visibility.PUBLIC : request.visibility());
    }

    private static Translations translations(EventRequest.TranslationsRequest request) {
        if (request == null) {
            return Translations.NONE;
        }
        return new Translations(translation(request.cy()), translation(request.ar()));
    }

    private static Translations.@Nullable Translation translation(EventRequest.@Nullable TranslationRequest request) {
        return request == null ? null : new Translations.Translation(request.title(), request.summary());
    }

    record NewTime(Schedule schedule, RegistrationWindow window) {}

    static NewTime toNewTime(RescheduleRequest request) {
        var errors = new LinkedHashMap<String, String>();
        var zone = zone(request.timeZone(), errors);
        if (zone != null) {
            requireExisting("startsAt", request.startsAt(), zone, errors);
            requireExisting("endsAt", request.endsAt(), zone, errors);
        }
        // Without a zone there is an error already.
        if (zone == null || !errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        return new NewTime(
                schedule(request.startsAt(), request.endsAt(), zone),
                window(request.registrationOpensAt(), request.registrationClosesAt(), zone));
    }

    /** A local time skipped by a clock change (01:30 on the night clocks go forward) does not exist. */
    private static void requireExisting(
            String field, @Nullable LocalDateTime time, ZoneId zone, Map<String, String> errors) {
        if (time != null && zone.getRules().getValidOffsets(time).isEmpty()) {
            errors.put(field, "does not exist in " + zone.getId() + " (the clocks change then)");
        }
    }

    private static Schedule schedule(LocalDateTime start, LocalDateTime end, ZoneId zone) {
        return new Schedule(start.atZone(zone).toInstant(), end.atZone(zone).toInstant(), zone);
    }

    private static RegistrationWindow window(
            @Nullable LocalDateTime opens, @Nullable LocalDateTime closes, ZoneId zone) {
        return new RegistrationWindow(
                opens == null ? null : opens.atZone(zone).toInstant(),
                closes == null ? null : closes.atZone(zone).toInstant());
    }

    private static @Nullable ZoneId zone(String timeZone, Map<String, String> errors) {
        try {
            // Region ids only: an offset like +01:00 would ignore summer time.
            if (timeZone.contains("/") || timeZone.equals("UTC")) {
                return ZoneId.of(timeZone);
            }
        } catch (DateTimeException notAZone) {
            // reported below
        }
        errors.put("timeZone", "is not a known IANA time zone; use a name such as Europe/London");
        return null;
    }

    private static @Nullable Location location(EventRequest request, Map<String, String> errors) {
        var hasLink = request.onlineLink() != null && !request.onlineLink().isBlank();
        if ((request.venue() == null) == !hasLink) {
            errors.put("venue", "give either a venue or an online link, not both or neither");
            return null;
        }
        if (hasLink) {
            try {
                var link = new URI(request.onlineLink().strip());
                if (!"https".equalsIgnoreCase(link.getScheme()) || link.getHost() == null) {
                    errors.put("onlineLink", "must be an https:// link");
                    return null;
                }
                return new Location.Online(link);
            } catch (URISyntaxException e) {
                errors.put("onlineLink", "must be an https:// link");
                return null;
            }
        }
        var venue = request.venue();
        return new Location.Venue(
                venue.name().strip(),
                venue.address().strip(),
                venue.postcode() == null ? null : venue.postcode().strip(),
                venue.accessibility(),
                venue.nearestPublicTransport(),
                venue.accessibilityNotes());
    }

    private static SupportOffered support(EventRequest.SupportRequest support) {
        if (support == null) {
            return SupportOffered.NONE;
        }
        return new SupportOffered(
                support.interpreterLanguages(),
                Boolean.TRUE.equals(support.foodProvided()),
                support.dietaryOptions(),
                Boolean.TRUE.equals(support.travelSupport()));
    }
}
