package org.convene.events.organisation.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.web.EventCalendar;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * An organisation's public calendar feed, for calendar apps to subscribe to: its public events as each
 * event's own {@code .ics} has them (see {@link EventService#calendarFeed}). Calendar apps poll it, so it
 * carries an {@code ETag} (a conditional request with it answers 304 without the calendar being written)
 * and may be cached for five minutes.
 */
@RestController
class OrganisationCalendarController {

    /** How often calendar apps are asked to fetch the feed again. */
    static final Duration REFRESH = Duration.ofHours(1);

    private static final CacheControl CACHE =
            CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();
    private static final MediaType CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final EventService events;
    private final OrganisationService organisations;
    private final URI publicBaseUrl;

    OrganisationCalendarController(
            EventService events,
            OrganisationService organisations,
            @Value("${convene.public-base-url}") URI publicBaseUrl) {
        this.events = events;
        this.organisations = organisations;
        this.publicBaseUrl = publicBaseUrl;
    }

    @GetMapping(value = "/api/organisations/{id}/events.ics", produces = "text/calendar")
    Mono<ResponseEntity<String>> feed(@PathVariable String id, ServerWebExchange exchange) {
        var organisationId = new OrganisationId(id);
        return organisations
                .findPublic(organisationId)
                .zipWith(events.calendarFeed(organisationId).collectList())
                .map(found -> {
                    var organisation = found.getT1();
                    var feed = found.getT2();
                    var etag = etag(organisation, feed);
                    if (exchange.checkNotModified(etag)) {
                        return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                                .eTag(etag)
                                .cacheControl(CACHE)
                                .build();
                    }
                    return ResponseEntity.ok()
                            .contentType(CALENDAR)
                            .eTag(etag)
                            .cacheControl(CACHE)
                            .body(EventCalendar.feed(organisation.details().name(), feed, publicBaseUrl, REFRESH));
                });
    }

    /**
     * Weak: the same events at the same versions under the same name make the same feed, except for each
     * entry's DTSTAMP (the time it was written). An event added, changed, cancelled or gone changes it.
     */
    static String etag(Organisation organisation, List<Event> feed) {
        var digest = sha256();
        digest.update(("feed-1|" + organisation.id().value() + "|" + organisation.version())
                .getBytes(StandardCharsets.UTF_8));
        for (var event : feed) {
            digest.update(("|" + event.id().value() + ":" + event.version()).getBytes(StandardCharsets.UTF_8));
        }
        var hash = Base64.getUrlEncoder().withoutPadding().encodeToString(digest.digest());
        return "W/\"" + hash.substring(0, 27) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
