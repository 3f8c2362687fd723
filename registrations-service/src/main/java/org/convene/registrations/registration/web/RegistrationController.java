package org.convene.registrations.registration.web;

import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.Group;
import org.convene.registrations.registration.domain.GroupMember;
import org.convene.registrations.registration.domain.InvalidRegistration;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.support.web.ManageLinks;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Registering needs no account: the answer carries a private manage link, the only key to the
 * registration. A link that matches nothing is a 404, the same as one that never existed.
 */
@RestController
class RegistrationController {

    /**
     * The answer to registering, and to opening the manage link. When an organiser accepted part of a
     * group, {@code status} is confirmed, {@code seats} the seats held, and {@code waitlistPosition} the
     * place in the queue of those still waiting ({@code waiting} in their {@link MemberView}). The
     * manage view also says what the event is ({@code event}), for pages that cannot read an
     * invite-only event without its invitation's code. {@code checkInCode}: the registrant's own code
     * to show at the door (each young person of a group has theirs in their {@link MemberView}); not the
     * manage link, and good for nothing else.
     */
    record RegistrationView(
            String registrationId,
            String eventId,
            String status,
            @Nullable Integer waitlistPosition,
            int seats,
            String attendeeName,
            List<String> companions,
            List<String> supportRequested,
            @Nullable GroupView group,
            String manageLink,
            org.convene.registrations.registration.domain.@Nullable EventSummary event,
            @Nullable String checkInCode,
            String language,
            boolean easyRead) {}

    /** The group as its worker sees it: who they bring, each by name, with the kinds of support asked. */
    record GroupView(@Nullable String organisation, List<MemberView> members) {}

    record MemberView(
            String memberId, String name, List<String> supportRequested, boolean waiting, String checkInCode) {}

    record Availability(String eventId, String status, int capacity, int seatsTaken, int seatsLeft, int waiting) {}

    private final RegistrationService registrations;
    private final ManageLinks manageLinks;

    RegistrationController(RegistrationService registrations, @Value("${convene.public-base-url}") URI publicBaseUrl) {
        this.registrations = registrations;
        this.manageLinks = new ManageLinks(publicBaseUrl.toString());
    }

    @PostMapping("/api/events/{eventId}/registrations")
    Mono<ResponseEntity<RegistrationView>> register(
            @PathVariable String eventId,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
            @Valid @RequestBody RegistrationRequest request) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 100)) {
            return Mono.error(new InvalidRegistration(Map.of("Idempotency-Key", "must be 1 to 100 characters")));
        }
        return registrations
                .register(new EventId(eventId), command(request), idempotencyKey)
                .map(outcome -> ResponseEntity.status(HttpStatus.CREATED)
                        .cacheControl(CacheControl.noStore())
                        .body(view(outcome)));
    }

    /**
     * The seats left for anyone, or for the holder of {@code invitation}'s code: places held for
     * invitations are not left for others (ADR 13). An invite-only event without one of its codes is
     * not found.
     */
    @GetMapping("/api/events/{eventId}/availability")
    Mono<Availability> availability(
            @PathVariable String eventId,
            @RequestParam(name = "invitation", required = false) @Nullable String invitation) {
        var code = invitation != null && invitation.matches(RegistrationRequest.INVITATION_CODE) ? invitation : null;
        var now = java.time.Instant.now();
        return registrations
                .availability(new EventId(eventId))
                .filter(seats -> seats.visibleWith(code))
                .switchIfEmpty(Mono.error(() -> new NotFound("No event " + eventId)))
                .map(seats -> new Availability(
                        eventId,
                        seats.status(),
                        seats.capacity(),
                        seats.seatsTaken(),
                        seats.seatsLeftFor(code, now),
                        seats.waiting()));
    }

    /** The most events one batch of availability may ask for (a page lists 20). */
    static final int MOST_EVENTS_PER_BATCH = 50;

    private static final int LONGEST_EVENT_ID = 100;

    /**
     * The availability of several events in one call ({@code ?ids=a,b,c}, at most
     * {@value #MOST_EVENTS_PER_BATCH} distinct ids), with the same numbers as each event's own
     * availability, in the order asked. An event registrations-service does not know (yet) is left out
     * of the answer instead of failing it: a list page shows the others.
     */
    @GetMapping("/api/events/availability")
    Mono<List<Availability>> availabilities(@RequestParam(name = "ids", required = false) List<String> ids) {
        var wanted = ids == null
                ? List.<String>of()
                : ids.stream()
                        .map(String::strip)
                        .filter(id -> !id.isEmpty())
                        .distinct()
                        .toList();
        if (wanted.isEmpty()) {
            return Mono.error(new InvalidRegistration(Map.of("ids", "name at least one event")));
        }
        if (wanted.size() > MOST_EVENTS_PER_BATCH) {
            return Mono.error(new InvalidRegistration(
                    Map.of("ids", "name at most " + MOST_EVENTS_PER_BATCH + " events at a time")));
        }
        if (wanted.stream().anyMatch(id -> id.length() > LONGEST_EVENT_ID)) {
            return Mono.error(new InvalidRegistration(
                    Map.of("ids", "an event id has at most " + LONGEST_EVENT_ID + " characters")));
        }
        return Flux.fromIterable(wanted)
                .flatMapSequential(
                        eventId -> availability(eventId, null).onErrorResume(NotFound.class, unknown -> Mono.empty()),
                        8)
                .collectList();
    }

    @GetMapping("/api/registrations/manage/{token}")
    Mono<ResponseEntity<RegistrationView>> manage(@PathVariable String token) {
        return registrations
                .view(token)
                .flatMap(outcome -> registrations
                        .availability(outcome.registration().eventId())
                        .map(seats -> java.util.Optional.ofNullable(seats.summary()))
                        .onErrorResume(NotFound.class, unknown -> Mono.just(java.util.Optional.empty()))
                        .map(summary -> {
                            var view = view(outcome);
                            return new RegistrationView(
                                    view.registrationId(),
                                    view.eventId(),
                                    view.status(),
                                    view.waitlistPosition(),
                                    view.seats(),
                                    view.attendeeName(),
                                    view.companions(),
                                    view.supportRequested(),
                                    view.group(),
                                    view.manageLink(),
                                    summary.orElse(null),
                                    view.checkInCode(),
                                    view.language(),
                                    view.easyRead());
                        }))
                .map(view ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view));
    }

    @PostMapping("/api/registrations/manage/{token}/cancel")
    Mono<ResponseEntity<RegistrationView>> cancel(@PathVariable String token) {
        return registrations
                .cancel(token)
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    @org.springframework.web.bind.annotation.PutMapping("/api/registrations/manage/{token}/support-needs")
    Mono<ResponseEntity<RegistrationView>> changeSupportNeeds(
            @PathVariable String token, @Valid @RequestBody RegistrationRequest.SupportNeedsRequest request) {
        var needs = new SupportNeeds(request.interpreter(), request.access(), request.dietary(), request.other());
        return registrations
                .changeSupportNeeds(token, needs)
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    /** The language and reading mode of the person's emails from now on (issue 21). */
    @org.springframework.web.bind.annotation.PutMapping("/api/registrations/manage/{token}/reading")
    Mono<ResponseEntity<RegistrationView>> changeReading(
            @PathVariable String token, @Valid @RequestBody RegistrationRequest.ReadingRequest request) {
        return registrations
                .changeReading(token, request.language(), Boolean.TRUE.equals(request.easyRead()))
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    /** A worker brings one more young person: a seat more if one is free, else 409 and nothing changes. */
    @PostMapping("/api/registrations/manage/{token}/group/members")
    Mono<ResponseEntity<RegistrationView>> addMember(
            @PathVariable String token, @Valid @RequestBody RegistrationRequest.MemberRequest request) {
        return registrations
                .addMember(token, member(request))
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    /** A worker changes what one young person of their group needs. */
    @org.springframework.web.bind.annotation.PutMapping(
            "/api/registrations/manage/{token}/group/members/{memberId}/support-needs")
    Mono<ResponseEntity<RegistrationView>> changeMemberSupportNeeds(
            @PathVariable String token,
            @PathVariable String memberId,
            @Valid @RequestBody RegistrationRequest.SupportNeedsRequest request) {
        return registrations
                .changeMemberSupportNeeds(token, memberId, needs(request))
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    /** A worker takes a young person off the group: nothing of them is kept, their seat serves the queue. */
    @org.springframework.web.bind.annotation.DeleteMapping("/api/registrations/manage/{token}/group/members/{memberId}")
    Mono<ResponseEntity<RegistrationView>> removeMember(@PathVariable String token, @PathVariable String memberId) {
        return registrations
                .removeMember(token, memberId)
                .map(outcome ->
                        ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(view(outcome)));
    }

    /** Erases the person's data for good; the registration is cancelled first if it was active. */
    @PostMapping("/api/registrations/manage/{token}/erase")
    Mono<ResponseEntity<Void>> erase(@PathVariable String token) {
        return registrations
                .eraseByToken(token)
                .thenReturn(ResponseEntity.noContent().build());
    }

    private RegistrationView view(RegistrationService.Outcome outcome) {
        var registration = outcome.registration();
        return new RegistrationView(
                registration.id().value(),
                registration.eventId().value(),
                registration.status().name(),
                outcome.position() == 0 ? null : (int) outcome.position(),
                registration.seatsHeld(),
                registration.attendee().name(),
                registration.companions().stream().map(Enum::name).toList(),
                registration.supportRequested(),
                registration.group() == null
                        ? null
                        : new GroupView(
                                registration.group().organisation(),
                                registration.members().stream()
                                        .map(member -> new MemberView(
                                                member.id(),
                                                member.name(),
                                                member.supportNeeds().summary(),
                                                registration.isWaiting(member.id()),
                                                registrations.checkInCode(registration.id(), member.id())))
                                        .toList()),
                manageLinks.forToken(outcome.manageToken()),
                null,
                registrations.checkInCode(registration.id()),
                registration.attendee().language(),
                registration.attendee().wantsEasyRead());
    }

    private static RegistrationService.RegisterAttendee command(RegistrationRequest request) {
        var a = request.attendee();
        var attendee = new Attendee(
                a.name().strip(),
                a.email().strip(),
                a.phone(),
                a.role(),
                a.ageBand(),
                guardian(a.guardian()),
                request.language(),
                request.easyRead());
        return new RegistrationService.RegisterAttendee(
                attendee,
                request.companions(),
                needs(request.supportNeeds()),
                consents(request.consents()),
                group(request.group()),
                request.invitation());
    }

    private static SupportNeeds needs(RegistrationRequest.SupportNeedsRequest request) {
        return request == null
                ? SupportNeeds.NONE
                : new SupportNeeds(request.interpreter(), request.access(), request.dietary(), request.other());
    }

    private static Consents consents(RegistrationRequest.ConsentsRequest request) {
        return request == null
                ? new Consents(false, false)
                : new Consents(Boolean.TRUE.equals(request.photos()), Boolean.TRUE.equals(request.futureContact()));
    }

    private static Attendee.@Nullable Guardian guardian(RegistrationRequest.@Nullable GuardianRequest request) {
        return request == null
                ? null
                : new Attendee.Guardian(request.name(), request.contact(), Boolean.TRUE.equals(request.consentGiven()));
    }

    private static @Nullable Group group(RegistrationRequest.@Nullable GroupRequest request) {
        if (request == null) {
            return null;
        }
        return new Group(
                request.organisation() == null || request.organisation().isBlank()
                        ? null
                        : request.organisation().strip(),
                request.members().stream().map(RegistrationController::member).toList());
    }

    private static GroupMember member(RegistrationRequest.MemberRequest member) {
        return new GroupMember(
                GroupMember.newId(),
                member.name().strip(),
                member.ageBand(),
                guardian(member.guardian()),
                needs(member.supportNeeds()),
                consents(member.consents()),
                member.email() == null || member.email().isBlank()
                        ? null
                        : member.email().strip(),
                Boolean.TRUE.equals(member.ownConfirmation()));
    }
}
