package org.convene.events.event.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.InvitationId;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.PublicEventQuery;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Events over HTTP. Reading is public (published and cancelled events, never drafts or online
 * links); everything else is for organisers of the event's own organisation, with optimistic
 * concurrency through {@code ETag} / {@code If-Match}.
 */
@RestController
@org.springframework.validation.annotation.Validated
class EventController {

    private final EventService events;
    private final java.time.Clock clock;
    private final URI publicBaseUrl;

    EventController(
            EventService events,
            java.time.Clock clock,
            @org.springframework.beans.factory.annotation.Value("${convene.public-base-url}") URI publicBaseUrl) {
        this.events = events;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    @PostMapping("/api/events")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> create(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody EventRequest request) {
        var organiser = organiser(jwt);
        return events.create(organiser, EventRequests.toDraft(request))
                .map(event -> ResponseEntity.created(URI.create("/api/events/" + event.id()))
                        .eTag(etag(event))
                        .body(EventViews.organiserView(event)));
    }

    /**
     * An invite-only event answers as one that does not exist unless {@code invitation} is the code of
     * one of its invitations that is not revoked; for other events the parameter changes nothing.
     */
    @GetMapping("/api/events/{id}")
    Mono<ResponseEntity<?>> get(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestParam(name = "invitation", required = false) String invitation) {
        var eventId = new EventId(id);
        var organiser = OrganiserPrincipal.from(jwt);
        if (organiser.isPresent()) {
            // An organiser sees their own organisation's events in full; others' as the public does.
            return events.findForOrganiser(organiser.get(), eventId)
                    .<ResponseEntity<?>>map(event -> ResponseEntity.ok()
                            .eTag(etag(event))
                            .cacheControl(CacheControl.noStore())
                            .body(EventViews.organiserView(event)))
                    .onErrorResume(
                            org.convene.events.event.domain.EventNotFound.class,
                            notTheirs -> publicEvent(eventId, invitation));
        }
        return publicEvent(eventId, invitation);
    }

    private Mono<ResponseEntity<?>> publicEvent(EventId id, String invitation) {
        return events.findPublic(id, invitation)
                .map(event -> ResponseEntity.ok().eTag(etag(event)).body(EventViews.publicView(event)));
    }

    /** As the event itself: an invite-only event needs an invitation's code, except for its own organisers. */
    @GetMapping(value = "/api/events/{id}/calendar.ics", produces = "text/calendar")
    Mono<ResponseEntity<String>> calendar(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestParam(name = "invitation", required = false) String invitation) {
        return events.findPublic(new EventId(id), invitation, OrganiserPrincipal.from(jwt))
                .map(event -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "calendar", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"convene-event-" + event.id() + ".ics\"")
                        .body(EventCalendar.of(event, EventCalendar.eventPage(publicBaseUrl, event))));
    }

    @GetMapping("/api/events")
    Mono<EventViews.EventPage> list(
            @RequestParam(required = false) LocalDate from,
            @RequestParam(required = false) LocalDate to,
            @RequestParam(required = false) Audience audience,
            @RequestParam(required = false) EventFormat format,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 50) String topic,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 100) String organisation,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 100) String q,
            @RequestParam(required = false) @jakarta.validation.constraints.Size(max = 200) String cursor,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        // Upcoming only: a date in the past still lists from now on.
        var now = clock.instant();
        var fromInstant = from == null ? now : from.atStartOfDay(ZoneOffset.UTC).toInstant();
        var query = new PublicEventQuery(
                fromInstant.isBefore(now) ? now : fromInstant,
                to == null ? null : to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                audience,
                format,
                topic,
                organisation == null ? null : new OrganisationId(organisation),
                q,
                Cursors.decode(cursor),
                limit + 1);
        return events.listPublic(query).collectList().map(found -> {
            var page = found.size() > limit ? found.subList(0, limit) : found;
            var next = found.size() > limit ? Cursors.encode(page.getLast()) : null;
            return new EventViews.EventPage(
                    page.stream().map(EventViews::publicView).toList(), next);
        });
    }

    @GetMapping("/api/organisations/{organisationId}/events")
    Mono<List<EventViews.OrganiserEventView>> listForOrganisation(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId) {
        return events.listForOrganiser(organiser(jwt), new OrganisationId(organisationId))
                .map(EventViews::organiserView)
                .collectList();
    }

    @PutMapping("/api/events/{id}")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> edit(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody EventRequest request) {
        return respond(
                events.edit(organiser(jwt), new EventId(id), IfMatch.version(ifMatch), EventRequests.toDraft(request)));
    }

    @PostMapping("/api/events/{id}/publish")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> publish(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return respond(events.publish(organiser(jwt), new EventId(id), IfMatch.version(ifMatch)));
    }

    @PostMapping("/api/events/{id}/reschedule")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> reschedule(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RescheduleRequest request) {
        var time = EventRequests.toNewTime(request);
        return respond(events.reschedule(
                organiser(jwt), new EventId(id), IfMatch.version(ifMatch), time.schedule(), time.window()));
    }

    @PostMapping("/api/events/{id}/capacity")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> changeCapacity(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CapacityRequest request) {
        return respond(
                events.changeCapacity(organiser(jwt), new EventId(id), IfMatch.version(ifMatch), request.capacity()));
    }

    @PostMapping("/api/events/{id}/cancel")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> cancel(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody CancellationRequest request) {
        return respond(events.cancel(
                organiser(jwt),
                new EventId(id),
                IfMatch.version(ifMatch),
                request.reason().strip()));
    }

    @PostMapping("/api/events/{id}/complete")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> complete(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return respond(events.complete(organiser(jwt), new EventId(id), IfMatch.version(ifMatch)));
    }

    @PostMapping("/api/events/{id}/duplicate")
    Mono<ResponseEntity<EventViews.OrganiserEventView>> duplicate(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @Valid @RequestBody(required = false) RescheduleRequest request) {
        var schedule = request == null ? null : EventRequests.toNewTime(request).schedule();
        return events.duplicate(organiser(jwt), new EventId(id), schedule)
                .map(copy -> ResponseEntity.created(URI.create("/api/events/" + copy.id()))
                        .eTag(etag(copy))
                        .body(EventViews.organiserView(copy)));
    }

    /**
     * A new invitation for a partner (ADR 13): 201 with the invitation and its code, {@code Location} the
     * event's invitations and the {@code ETag} of the event's new version.
     */
    @PostMapping("/api/events/{id}/invitations")
    Mono<ResponseEntity<EventViews.InvitationView>> invite(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody InvitationRequest request) {
        return events.invite(
                        organiser(jwt),
                        new EventId(id),
                        IfMatch.version(ifMatch),
                        request.partner(),
                        request.seatsHeld() == null ? 0 : request.seatsHeld(),
                        request.releaseAt() == null ? null : request.releaseAt().toInstant())
                .map(invited -> ResponseEntity.created(
                                URI.create("/api/events/" + invited.event().id() + "/invitations"))
                        .eTag(etag(invited.event()))
                        .cacheControl(CacheControl.noStore())
                        .body(EventViews.invitationView(invited.event(), invited.invitation())));
    }

    /** The event's invitations, revoked ones too, oldest first. */
    @GetMapping("/api/events/{id}/invitations")
    Mono<ResponseEntity<List<EventViews.InvitationView>>> invitations(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return events.findForOrganiser(organiser(jwt), new EventId(id))
                .map(event -> ResponseEntity.ok()
                        .eTag(etag(event))
                        .cacheControl(CacheControl.noStore())
                        .body(EventViews.invitations(event)));
    }

    /** Revokes an invitation: its code admits nobody and its places are no longer held. Repeating it is harmless. */
    @PostMapping("/api/events/{id}/invitations/{invitationId}/revoke")
    Mono<ResponseEntity<EventViews.InvitationView>> revokeInvitation(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @PathVariable String invitationId,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        var invitation = new InvitationId(invitationId);
        return events.revokeInvitation(organiser(jwt), new EventId(id), IfMatch.version(ifMatch), invitation)
                .map(event -> ResponseEntity.ok()
                        .eTag(etag(event))
                        .cacheControl(CacheControl.noStore())
                        .body(EventViews.invitationView(
                                event, event.invitation(invitation).orElseThrow())));
    }

    /** Weekly or monthly dated copies of an event, created as drafts in one request. */
    record SeriesRequest(
            @jakarta.validation.constraints.NotNull EventService.Frequency frequency,

            @jakarta.validation.constraints.NotNull @Min(1) @Max(EventService.MAX_SERIES)
            Integer count) {}

    @PostMapping("/api/events/{id}/series")
    Mono<ResponseEntity<List<EventViews.OrganiserEventView>>> series(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String id, @Valid @RequestBody SeriesRequest request) {
        return events.createSeries(organiser(jwt), new EventId(id), request.frequency(), request.count())
                .map(EventViews::organiserView)
                .collectList()
                .map(copies -> ResponseEntity.status(org.springframework.http.HttpStatus.CREATED)
                        .body(copies));
    }

    private static Mono<ResponseEntity<EventViews.OrganiserEventView>> respond(Mono<Event> changed) {
        return changed.map(event -> ResponseEntity.ok().eTag(etag(event)).body(EventViews.organiserView(event)));
    }

    private static Organiser organiser(Jwt jwt) {
        return OrganiserPrincipal.require(jwt);
    }

    static String etag(Event event) {
        return "\"" + event.version() + "\"";
    }

    /** Opaque page positions: the start and id of the last event shown. */
    static final class Cursors {

        private Cursors() {}

        static String encode(Event last) {
            var raw = last.schedule().startsAt() + "|" + last.id().value();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static PublicEventQuery.@Nullable Position decode(@Nullable String cursor) {
            if (cursor == null || cursor.isBlank()) {
                return null;
            }
            try {
                var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                var parts = raw.split("\\|", 2);
                return new PublicEventQuery.Position(Instant.parse(parts[0]), new EventId(parts[1]));
            } catch (RuntimeException e) {
                throw new EventRuleViolation(Map.of("cursor", "is not a cursor this API gave out"));
            }
        }
    }
}
