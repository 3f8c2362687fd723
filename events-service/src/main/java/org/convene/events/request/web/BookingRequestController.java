package org.convene.events.request.web;

import jakarta.validation.Valid;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.web.IfMatch;
import org.convene.events.event.web.OrganiserPrincipal;
import org.convene.events.request.domain.BookingRequest;
import org.convene.events.request.domain.BookingRequestId;
import org.convene.events.request.domain.BookingRequestService;
import org.convene.events.request.domain.RequestDetails;
import org.convene.events.request.domain.RequestKind;
import org.convene.events.request.domain.RequestStatus;
import org.convene.events.request.domain.Requester;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Booking requests over HTTP (ADR 14). Sending one is public and answers the same whether it was stored
 * or a duplicate; the inbox and every change are for organisers of the organisation the request was
 * sent to, with {@code ETag} / {@code If-Match} as for events. Nothing here is cached by anyone.
 */
@RestController
class BookingRequestController {

    private static final String BASE = "/api/organisations/{organisationId}/booking-requests";

    private final BookingRequestService requests;
    private final Clock clock;

    BookingRequestController(BookingRequestService requests, Clock clock) {
        this.requests = requests;
        this.clock = clock;
    }

    @PostMapping(BASE)
    Mono<ResponseEntity<BookingRequestViews.Received>> submit(
            @PathVariable String organisationId, @Valid @RequestBody BookingRequestForm form) {
        return requests.submit(new OrganisationId(organisationId), details(form), blankToNull(form.offeringId()))
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .cacheControl(CacheControl.noStore())
                        .body(BookingRequestViews.Received.ANSWER)));
    }

    @GetMapping(BASE)
    Mono<ResponseEntity<List<BookingRequestViews.RequestSummary>>> list(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @RequestParam(required = false) RequestStatus status,
            @RequestParam(required = false) RequestKind kind) {
        return requests.list(organiser(jwt), new OrganisationId(organisationId), status, kind)
                .map(BookingRequestViews::summary)
                .collectList()
                .map(found ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(found));
    }

    @GetMapping(BASE + "/{id}")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> get(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId, @PathVariable String id) {
        return respond(requests.find(organiser(jwt), new OrganisationId(organisationId), new BookingRequestId(id)));
    }

    /** Everything held about the request, as a JSON download for the requester who asked for it. */
    @GetMapping(BASE + "/{id}/export")
    Mono<ResponseEntity<BookingRequestViews.RequestExport>> export(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId, @PathVariable String id) {
        return requests.find(organiser(jwt), new OrganisationId(organisationId), new BookingRequestId(id))
                .map(request -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                "attachment; filename=\"booking-request-" + request.id() + ".json\"")
                        .body(new BookingRequestViews.RequestExport(
                                clock.instant(), BookingRequestViews.view(request))));
    }

    @PostMapping(BASE + "/{id}/discuss")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> discuss(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return respond(requests.discuss(
                organiser(jwt),
                new OrganisationId(organisationId),
                new BookingRequestId(id),
                IfMatch.version(ifMatch)));
    }

    @PostMapping(BASE + "/{id}/decline")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> decline(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return respond(requests.decline(
                organiser(jwt),
                new OrganisationId(organisationId),
                new BookingRequestId(id),
                IfMatch.version(ifMatch)));
    }

    @PostMapping(BASE + "/{id}/notes")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> note(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RequestText body) {
        return respond(requests.note(
                organiser(jwt),
                new OrganisationId(organisationId),
                new BookingRequestId(id),
                IfMatch.version(ifMatch),
                body.text()));
    }

    @PostMapping(BASE + "/{id}/replies")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> reply(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody RequestText body) {
        return respond(requests.reply(
                organiser(jwt),
                new OrganisationId(organisationId),
                new BookingRequestId(id),
                IfMatch.version(ifMatch),
                body.text()));
    }

    /** Accepting schedules it: the answer carries the draft event's id ({@code eventId}, status SCHEDULED). */
    @PostMapping(BASE + "/{id}/accept")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> accept(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody(required = false) AcceptRequest body) {
        return respond(requests.accept(
                organiser(jwt),
                new OrganisationId(organisationId),
                new BookingRequestId(id),
                IfMatch.version(ifMatch),
                schedule(body)));
    }

    /** Erases the requester's personal data on their request; repeating it is harmless. */
    @PostMapping(BASE + "/{id}/erase")
    Mono<ResponseEntity<BookingRequestViews.RequestView>> erase(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId, @PathVariable String id) {
        return respond(requests.erase(organiser(jwt), new OrganisationId(organisationId), new BookingRequestId(id)));
    }

    private static Mono<ResponseEntity<BookingRequestViews.RequestView>> respond(Mono<BookingRequest> found) {
        return found.map(request -> ResponseEntity.ok()
                .eTag("\"" + request.version() + "\"")
                .cacheControl(CacheControl.noStore())
                .body(BookingRequestViews.view(request)));
    }

    private static Organiser organiser(Jwt jwt) {
        return OrganiserPrincipal.require(jwt);
    }

    private static RequestDetails details(BookingRequestForm form) {
        var requester = form.requester();
        return new RequestDetails(
                form.kind(),
                new Requester(
                        requester.organisation().strip(),
                        requester.name().strip(),
                        requester.email().strip(),
                        requester.phone() == null || requester.phone().isBlank()
                                ? null
                                : requester.phone().strip()),
                form.preferredDates(),
                Boolean.TRUE.equals(form.flexible()),
                form.town() == null || form.town().isBlank()
                        ? null
                        : form.town().strip(),
                Boolean.TRUE.equals(form.online()),
                form.audienceSize(),
                form.audience(),
                form.accessibility(),
                blankToNull(form.accessibilityNotes()),
                form.interpreterLanguages() == null
                        ? List.of()
                        : form.interpreterLanguages().stream()
                                .map(String::strip)
                                .toList(),
                blankToNull(form.message()));
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** The agreed time, all three parts or none; a local time the zone skips does not exist. */
    private static @Nullable Schedule schedule(@Nullable AcceptRequest body) {
        if (body == null || (body.startsAt() == null && body.endsAt() == null && body.timeZone() == null)) {
            return null;
        }
        var errors = new LinkedHashMap<String, String>();
        ZoneId zone = null;
        try {
            if (body.timeZone() != null
                    && (body.timeZone().contains("/") || body.timeZone().equals("UTC"))) {
                zone = ZoneId.of(body.timeZone());
            }
        } catch (DateTimeException notAZone) {
            // reported below
        }
        if (zone == null) {
            errors.put("timeZone", "is not a known IANA time zone; use a name such as Europe/London");
        }
        exists("startsAt", body.startsAt(), zone, errors);
        exists("endsAt", body.endsAt(), zone, errors);
        if (errors.isEmpty() && !body.endsAt().isAfter(body.startsAt())) {
            errors.put("endsAt", "must be after the start");
        }
        // Without a zone there is an error already.
        if (zone == null || !errors.isEmpty()) {
            throw new EventRuleViolation(errors);
        }
        return new Schedule(
                body.startsAt().atZone(zone).toInstant(),
                body.endsAt().atZone(zone).toInstant(),
                zone);
    }

    private static void exists(
            String field, @Nullable LocalDateTime time, @Nullable ZoneId zone, Map<String, String> errors) {
        if (time == null) {
            errors.put(field, "give the start, the end and the time zone together, or none of them");
        } else if (zone != null && zone.getRules().getValidOffsets(time).isEmpty()) {
            errors.put(field, "does not exist in " + zone.getId() + " (the clocks change then)");
        }
    }
}
