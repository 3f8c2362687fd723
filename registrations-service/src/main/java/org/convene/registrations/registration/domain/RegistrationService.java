package org.convene.registrations.registration.domain;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Registering, cancelling and the waitlist. Seats are decided only by the seat ledger's atomic
 * updates (ADR 6); this class orders the steps so that a crash between them can delay an email
 * but never overbook.
 *
 * <p>The waitlist rule: parties are served in the order they joined the queue, whole or not at
 * all. When freed seats cannot fit the party at the head, the first party behind it that fits is
 * served, and the head keeps its place for the next seats. A new arrival joins the queue whenever
 * anyone is waiting, so it is served only after everyone before it who fits. The queue and its
 * order are the seat ledger's (ADR 6): a place is the party's index there, so the place a person is
 * told when they join is one nobody else is told, and it only improves as people ahead leave.
 */
public class RegistrationService {

    /** The result of registering: the registration, its place in the queue (0 if not waiting) and its private token. */
    public record Outcome(Registration registration, long position, String manageToken) {}

    /** A person registering, with their companions and, for a worker or carer bringing young people, their group. */
    public record RegisterAttendee(
            Attendee attendee,
            List<CompanionKind> companions,
            SupportNeeds supportNeeds,
            Consents consents,
            @Nullable Group group,
            @Nullable String invitation) {

        public RegisterAttendee(
                Attendee attendee, List<CompanionKind> companions, SupportNeeds supportNeeds, Consents consents) {
            this(attendee, companions, supportNeeds, consents, null, null);
        }

        public RegisterAttendee(
                Attendee attendee,
                List<CompanionKind> companions,
                SupportNeeds supportNeeds,
                Consents consents,
                @Nullable Group group) {
            this(attendee, companions, supportNeeds, consents, group, null);
        }
    }

    private static final int MAX_PROMOTIONS_PER_ROUND = 10_000;

    private final Registrations registrations;
    private final SeatLedgers ledgers;
    private final ManageTokens tokens;
    private final Clock clock;
    private final MeterRegistry meters;

    public RegistrationService(
            Registrations registrations, SeatLedgers ledgers, ManageTokens tokens, Clock clock, MeterRegistry meters) {
        this.registrations = registrations;
        this.ledgers = ledgers;
        this.tokens = tokens;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * A repeated request (same idempotency key) gets the first one's outcome: found when its insert
     * meets the first one's key, so a new request costs no look-up, or when the event has meanwhile
     * closed and a new registration would be refused.
     */
    public Mono<Outcome> register(EventId event, RegisterAttendee command, @Nullable String idempotencyKey) {
        return registerNew(event, command, idempotencyKey);
    }

    private Mono<Outcome> replayOr(EventId event, @Nullable String idempotencyKey, RuntimeException refusal) {
        if (idempotencyKey == null) {
            return Mono.error(refusal);
        }
        return registrations
                .findByIdempotencyKey(event, idempotencyKey)
                .flatMap(this::replayed)
                .switchIfEmpty(Mono.error(refusal));
    }

    /**
     * The first request's outcome, for a repeated one. A first request not yet decided (its instance
     * stopped, or is still at work, between recording it and deciding) is decided now rather than
     * answered "pending", which the person would take for a final answer while their emails tell
     * another story: the ledger admits a registration once whoever asks, and only one decision is
     * recorded (the other loses the version check and reads it).
     */
    private Mono<Outcome> replayed(Registration first) {
        return first.status() == RegistrationStatus.PENDING ? decide(first) : outcomeOf(first);
    }

    private Mono<Outcome> registerNew(EventId event, RegisterAttendee command, @Nullable String idempotencyKey) {
        // Milliseconds, as stored, so the queue order seen now is the order the store keeps.
        var now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return ledgers.findRecent(event)
                .switchIfEmpty(Mono.error(() -> new NotFound("No event " + event)))
                .flatMap(seats -> {
                    // An invite-only event without one of its codes, or a code it does not have (revoked,
                    // another event's), is as unknown as an event that does not exist (ADR 13).
                    var invitation = command.invitation() == null
                            ? null
                            : seats.invitationWithCode(command.invitation()).orElse(null);
                    if ((command.invitation() != null && invitation == null)
                            || !seats.visibleWith(command.invitation())) {
                        return Mono.error(new NotFound("No event " + event));
                    }
                    try {
                        check(seats, command, now);
                    } catch (RegistrationRefused | InvalidRegistration refused) {
                        return replayOr(event, idempotencyKey, refused);
                    }
                    var id = RegistrationId.newId();
                    var token = tokens.tokenFor(id);
                    var pending = new Registration(
                            id,
                            event,
                            command.attendee(),
                            command.companions(),
                            command.supportNeeds(),
                            command.consents(),
                            command.group(),
                            invitation == null ? null : invitation.id(),
                            RegistrationStatus.PENDING,
                            now,
                            ManageTokens.hash(token),
                            0,
                            now);
                    return registrations
                            .insert(
                                    pending,
                                    idempotencyKey == null ? UUID.randomUUID().toString() : idempotencyKey)
                            .flatMap(this::decide)
                            // The same key means a repeated request, whichever unique index the store
                            // named first (the same person is also already registered): its outcome.
                            .onErrorResume(
                                    DuplicateRegistration.class,
                                    duplicate -> (idempotencyKey == null
                                                    ? Mono.<Outcome>empty()
                                                    : registrations
                                                            .findByIdempotencyKey(event, idempotencyKey)
                                                            .flatMap(this::replayed))
                                            .switchIfEmpty(Mono.defer(() -> registrations
                                                    .findActive(event, command.attendee())
                                                    .flatMap(existing ->
                                                            Mono.<Outcome>error(new AlreadyRegistered(existing.id())))
                                                    .switchIfEmpty(Mono.error(duplicate)))));
                });
    }

    private static void check(EventSeats seats, RegisterAttendee command, java.time.Instant now) {
        if ("CANCELLED".equals(seats.status())) {
            throw new RegistrationRefused("This event has been cancelled.");
        }
        if (!seats.isOpenAt(now)) {
            throw new RegistrationRefused(
                    seats.registrationOpensAt() != null && now.isBefore(seats.registrationOpensAt())
                            ? "Registration for this event has not opened yet."
                            : "Registration for this event has closed.");
        }
        var errors = new LinkedHashMap<String, String>();
        var group = command.group();
        // A group's adults (workers, carers, interpreters, a manager) come with the young people, not with
        // one person: the request's own bound holds, not the event's companions per person.
        if (group == null
                && command.companions() != null
                && command.companions().size() > seats.maxCompanions()) {
            errors.put("companions", "at most " + seats.maxCompanions() + " people can come with you to this event");
        }
        var attendee = command.attendee();
        ageAllows(attendee.ageBand(), attendee.guardian(), "attendee", errors);
        if (group != null) {
            if (attendee.role() != AttendeeRole.PROFESSIONAL && attendee.role() != AttendeeRole.CARER) {
                errors.put("attendee.role", "only a professional or a carer can register a group");
            }
            if (group.members().isEmpty()) {
                errors.put("group.members", "name at least one young person");
            } else if (group.members().size() > seats.groupLimit()) {
                errors.put("group.members", "a group can bring at most " + seats.groupLimit() + " young people");
            }
            for (int i = 0; i < group.members().size(); i++) {
                var member = group.members().get(i);
                ageAllows(member.ageBand(), member.guardian(), "group.members[" + i + "]", errors);
                if (member.ownConfirmation()
                        && (member.email() == null || member.email().isBlank())) {
                    errors.put("group.members[" + i + "].email", "is needed to send them their own confirmation");
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRegistration(errors);
        }
    }

    /**
     * Everyone registered gives an age band, so it is known whether a parent or guardian must agree; only
     * an erased registration has none. {@code person} prefixes the fields named ("" for the person itself).
     */
    private static void ageAllows(
            @Nullable AgeBand ageBand,
            Attendee.@Nullable Guardian guardian,
            String person,
            java.util.Map<String, String> errors) {
        var prefix = person.isEmpty() ? "" : person + ".";
        if (ageBand == null) {
            errors.put(prefix + "ageBand", "is needed to know whether a parent or guardian must agree");
        } else if (ageBand.isUnder18()) {
            guardianAgrees(guardian, prefix + "guardian", errors);
        }
    }

    /** Under 18: a parent or guardian, how to reach them, and their agreement. */
    private static void guardianAgrees(
            Attendee.@Nullable Guardian guardian, String field, java.util.Map<String, String> errors) {
        if (guardian == null || guardian.name() == null || guardian.name().isBlank()) {
            errors.put(field + ".name", "is needed for anyone under 18");
        }
        if (guardian == null || guardian.contact() == null || guardian.contact().isBlank()) {
            errors.put(field + ".contact", "is needed for anyone under 18");
        }
        if (guardian == null || !guardian.consentGiven()) {
            errors.put(field + ".consentGiven", "a parent or guardian must agree for anyone under 18");
        }
    }

    /**
     * Finishes a registration a crash left pending: if the ledger shows its seats, it is confirmed;
     * otherwise it joins the queue as a new arrival would.
     */
    public Mono<Outcome> settle(Registration pending) {
        return ledgers.holds(pending.eventId(), pending.id())
                .flatMap(holds -> holds ? decide(pending, true) : decide(pending))
                // A promotion may have been waiting for this party to be recorded, and given up.
                .flatMap(outcome -> promote(pending.eventId()).thenReturn(outcome));
    }

    /** Seats if they fit and nobody waits; otherwise the queue, then serve whoever now fits. */
    private Mono<Outcome> decide(Registration pending) {
        return decide(pending, false);
    }

    private Mono<Outcome> decide(Registration pending, boolean alreadySeated) {
        var event = pending.eventId();
        var token = tokens.tokenFor(pending.id());
        var admission = alreadySeated
                ? Mono.just(SeatLedger.Admission.seated())
                : ledgers.admit(event, pending.id(), pending.seats(), pending.invitation());
        return admission.flatMap(admitted -> switch (admitted.outcome()) {
            case SEATED -> confirm(pending, token);
            case QUEUED -> waitlist(pending, admitted, token);
            case WAITING_LIST_FULL ->
                refuse(pending, "The waiting list for this event is full. Please contact the organiser.");
            case EVENT_CANCELLED -> refuse(pending, "This event has been cancelled.");
        });
    }

    /** Nothing was given: the registration is closed without a message, and the person told why. */
    private Mono<Outcome> refuse(Registration pending, String why) {
        return registrations
                .transition(pending, RegistrationStatus.CANCELLED, List.of())
                .then(Mono.error(new RegistrationRefused(why)));
    }

    private Mono<Outcome> confirm(Registration pending, String token) {
        var confirmed = pending.withStatus(RegistrationStatus.CONFIRMED);
        return registrations
                .transition(
                        pending,
                        RegistrationStatus.CONFIRMED,
                        withSupportAlert(message(RegistrationChange.Type.CONFIRMED, confirmed, null, token)))
                // Taking seats frees none, so there is nobody to promote; the registration as written
                // is the answer unless something else changed it first.
                .flatMap(moved -> {
                    if (moved) {
                        outcome("confirmed");
                        return Mono.just(new Outcome(confirmed, 0, token));
                    }
                    return registrations.findById(pending.id()).flatMap(this::outcomeOf);
                });
    }

    /**
     * Records the place the ledger gave, which is the one the person is told. If seats were left when
     * it joined (the head did not fit them), the queue is served now: this party or one behind the
     * head may fit. Seats freed later are served by whoever frees them, who waits for a party still
     * being recorded rather than pass it over (see {@link #promote}).
     */
    private Mono<Outcome> waitlist(Registration pending, SeatLedger.Admission admitted, String token) {
        var position = admitted.position();
        var waiting = pending.withStatus(RegistrationStatus.WAITLISTED);
        return registrations
                .transition(
                        pending,
                        RegistrationStatus.WAITLISTED,
                        withSupportAlert(message(RegistrationChange.Type.WAITLISTED, waiting, position, token)))
                .flatMap(moved -> {
                    if (moved) {
                        outcome("waitlisted");
                    }
                    if (moved && admitted.seatsLeft() == 0) {
                        return Mono.just(new Outcome(waiting, position, token));
                    }
                    return promote(pending.eventId())
                            .then(registrations.findById(pending.id()))
                            .flatMap(this::outcomeOf);
                });
    }

    /**
     * Serves the queue while seats allow: the first party, in queue order, that fits. Safe to run
     * from many requests and instances at once: a party's seats are taken by one conditional
     * update, and its move to confirmed by another. When the first party that fits is still being
     * recorded (its request joined the queue a moment ago), it is not passed over: this waits for it
     * (up to {@link #WAIT_FOR_RECORDING}), then serves it; a party whose request crashed meanwhile is
     * served by reconciliation, which settles it and serves the queue.
     */
    public Mono<Void> promote(EventId event) {
        return promote(event, 0, 0);
    }

    private static final Duration RECORDING_POLL = Duration.ofMillis(25);
    private static final Duration WAIT_FOR_RECORDING = Duration.ofSeconds(3);

    private Mono<Void> promote(EventId event, int round, int pollsForRecording) {
        if (round >= MAX_PROMOTIONS_PER_ROUND) {
            return Mono.empty();
        }
        return ledgers.find(event)
                .filter(seats -> "PUBLISHED".equals(seats.status()) && seats.seatsLeft() > 0 && seats.waiting() > 0)
                .flatMap(seats -> nextToServe(event))
                .flatMap(next -> {
                    var waiting = next.registration();
                    if (waiting.status() == RegistrationStatus.PENDING) {
                        return pollsForRecording * RECORDING_POLL.toMillis() < WAIT_FOR_RECORDING.toMillis()
                                ? Mono.delay(RECORDING_POLL).then(promote(event, round, pollsForRecording + 1))
                                : Mono.empty();
                    }
                    var party = next.party();
                    return ledgers.take(event, party.registration(), party.seats(), false)
                            .flatMap(seated -> seated ? Mono.just(true) : ledgers.holds(event, party.registration()))
                            .flatMap(holds -> !holds
                                    ? Mono.just(false)
                                    : party.registration().isRestOfGroup()
                                            ? confirmRestOfGroup(waiting)
                                            : confirmPromotion(waiting))
                            .then(promote(event, round + 1, pollsForRecording));
                });
    }

    /** A party of the queue to serve, and its registration. */
    private record Serving(SeatLedgers.Queued party, Registration registration) {}

    /**
     * The first party in queue order whose seats fit (with its invitation's held places, if any),
     * waitlisted or still being recorded, or the rest of a group part of which an organiser accepted.
     * Parties no longer waiting whose place was not given back (a crash between the two steps) are
     * taken out of the queue on the way.
     */
    private Mono<Serving> nextToServe(EventId event) {
        return ledgers.servable(event)
                .concatMap(queued -> registrations
                        .findById(queued.registration().registration())
                        .filter(found -> queued.registration().isRestOfGroup()
                                ? found.status() == RegistrationStatus.CONFIRMED && found.partlyWaiting()
                                : found.status() == RegistrationStatus.WAITLISTED
                                        || found.status() == RegistrationStatus.PENDING)
                        .map(found -> new Serving(queued, found))
                        .switchIfEmpty(Mono.defer(() ->
                                ledgers.leaveQueue(event, queued.registration()).then(Mono.<Serving>empty()))))
                .next();
    }

    private Mono<Boolean> confirmPromotion(Registration waiting) {
        var promoted = waiting.withStatus(RegistrationStatus.CONFIRMED);
        return registrations
                .transition(
                        waiting,
                        RegistrationStatus.CONFIRMED,
                        List.of(message(RegistrationChange.Type.PROMOTED, promoted, null, null)))
                .flatMap(moved -> moved
                        ? ledgers.leaveQueue(waiting.eventId(), waiting.id())
                                .doOnSuccess(done -> outcome("promoted"))
                                .thenReturn(true)
                        : Mono.just(false));
    }

    /**
     * The rest of a group has its seats: nobody of it waits any more, and the worker (and those of the
     * rest who asked for their own emails) hear that their places came up.
     */
    private Mono<Boolean> confirmRestOfGroup(Registration partly) {
        var group = groupOf(partly);
        var stillWaiting = java.util.Set.copyOf(group.waiting());
        var whole = group.withWaiting(java.util.Set.of());
        var served = partly.withStatus(RegistrationStatus.CONFIRMED).withGroup(whole);
        return registrations
                .transition(
                        partly,
                        RegistrationStatus.CONFIRMED,
                        whole,
                        List.of(message(
                                RegistrationChange.Type.PROMOTED,
                                served,
                                null,
                                null,
                                member -> stillWaiting.contains(member.id()))))
                .flatMap(moved -> moved
                        ? ledgers.leaveQueue(partly.eventId(), partly.restOfGroup())
                                .doOnSuccess(done -> outcome("promoted"))
                                .thenReturn(true)
                        : Mono.just(false));
    }

    /**
     * An organiser accepts some of a waiting group's young people by hand (with the adults who came
     * with the group): they take their seats now, if they fit, and the others keep the group's place in
     * the queue, to be served together as places free up. The ledger decides first; a retry after a
     * crash between the two writes finishes it.
     */
    public Mono<Outcome> acceptPart(Organiser organiser, RegistrationId id, List<String> memberIds) {
        return registrations
                .findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration " + id)))
                .flatMap(current -> eventRunBy(organiser, current.eventId()).then(Mono.defer(() -> {
                    var waitingGroup = current.group();
                    if (current.status() != RegistrationStatus.WAITLISTED || waitingGroup == null) {
                        return Mono.error(new RegistrationRefused("Only a waiting group can be accepted in part."));
                    }
                    var chosen = java.util.Set.copyOf(memberIds);
                    var known = current.members().stream()
                            .map(GroupMember::id)
                            .collect(java.util.stream.Collectors.toSet());
                    if (chosen.isEmpty() || !known.containsAll(chosen)) {
                        return Mono.error(new InvalidRegistration(
                                java.util.Map.of("memberIds", "choose young people of this group")));
                    }
                    if (chosen.size() == known.size()) {
                        return Mono.error(new InvalidRegistration(java.util.Map.of(
                                "memberIds",
                                "choose some of the group, not all: the whole group is served from the queue"
                                        + " as soon as its places are free")));
                    }
                    var stillWaiting = new java.util.HashSet<>(known);
                    stillWaiting.removeAll(chosen);
                    var group = waitingGroup.withWaiting(stillWaiting);
                    var accepted =
                            current.withStatus(RegistrationStatus.CONFIRMED).withGroup(group);
                    return ledgers.acceptPart(
                                    current.eventId(), current.id(), accepted.seatsHeld(), accepted.seatsWaiting())
                            .flatMap(seated -> seated
                                    ? registrations.transition(
                                            current,
                                            RegistrationStatus.CONFIRMED,
                                            group,
                                            withSupportAlert(
                                                    message(RegistrationChange.Type.PROMOTED, accepted, null, null)))
                                    : Mono.error(new RegistrationRefused(
                                            "There are not enough free places for the people chosen.")))
                            .flatMap(moved -> {
                                if (moved) {
                                    outcome("accepted-in-part");
                                }
                                return registrations.findById(id).flatMap(this::outcomeOf);
                            });
                })));
    }

    public Mono<Outcome> view(String manageToken) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(this::outcomeOf);
    }

    /** Frees the seats (or the place in the queue) and serves the queue. Cancelling twice is harmless. */
    public Mono<Outcome> cancel(String manageToken) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(this::cancel);
    }

    private Mono<Outcome> cancel(Registration current) {
        if (current.status() == RegistrationStatus.CANCELLED) {
            return outcomeOf(current);
        }
        var cancelled = current.withStatus(RegistrationStatus.CANCELLED);
        var event = current.eventId();
        return registrations
                .transition(
                        current,
                        RegistrationStatus.CANCELLED,
                        List.of(message(RegistrationChange.Type.CANCELLED, cancelled, null, null)))
                .flatMap(moved -> {
                    if (!moved) {
                        // Changed meanwhile (promoted, say): cancel what it is now.
                        return registrations.findById(current.id()).flatMap(this::cancel);
                    }
                    outcome("cancelled");
                    return freeSeatsOf(current)
                            .then(registrations.findById(current.id()))
                            .flatMap(this::outcomeOf);
                });
    }

    /**
     * Keeps the ledger in step with events-service, then serves the queue if seats appeared. When
     * the event is cancelled, so is every registration, each with its own message so everyone hears.
     */
    public Mono<Void> eventChanged(EventAnnouncement announced) {
        var event = announced.eventId();
        return ledgers.apply(announced).flatMap(applied -> {
            if (announced.cancelled()) {
                // Also when not newly applied: a redelivery after a crash finishes the cancellations.
                return registrations.active(event).concatMap(this::cancel).then();
            }
            return applied ? promote(event) : Mono.empty();
        });
    }

    /**
     * Gives back what a cancelled registration held (its place in the queue, its seats), then
     * serves the queue. Both are given back whatever its status was, each only if the ledger shows
     * it held (one cancelled while being decided or promoted may hold either), so reconciliation may
     * repeat it after a crash.
     */
    public Mono<Void> freeSeatsOf(Registration cancelled) {
        return giveBack(cancelled)
                .then(registrations.markSeatsFreed(cancelled.id()))
                .then(promote(cancelled.eventId()));
    }

    /**
     * Takes the registration out of the queue and gives back its seats, and those of the rest of its
     * group if part of it waited; true if anything was given back.
     */
    public Mono<Boolean> giveBack(Registration cancelled) {
        var event = cancelled.eventId();
        var rest = cancelled.group() == null
                ? Mono.just(false)
                : ledgers.leaveQueue(event, cancelled.restOfGroup())
                        .zipWith(ledgers.release(event, cancelled.restOfGroup(), 0), Boolean::logicalOr);
        return ledgers.leaveQueue(event, cancelled.id())
                .zipWith(ledgers.release(event, cancelled.id(), cancelled.seats()), Boolean::logicalOr)
                .zipWith(rest, Boolean::logicalOr);
    }

    /** The event, if this organiser's organisation runs it; otherwise not found, so others' events stay unseen. */
    private Mono<EventSeats> eventRunBy(Organiser organiser, EventId event) {
        return ledgers.find(event)
                .filter(organiser::runs)
                .switchIfEmpty(Mono.error(() -> new NotFound("No event " + event)));
    }

    public reactor.core.publisher.Flux<RegistrationEntry> list(
            Organiser organiser, EventId event, @Nullable RegistrationStatus status) {
        return eventRunBy(organiser, event).flatMapMany(found -> registrations.forEvent(event, status));
    }

    public Mono<SupportSummary> summary(Organiser organiser, EventId event) {
        return list(organiser, event, null).collectList().map(SupportSummaries::of);
    }

    /** At the door: attended or no-show, for confirmed registrations only. */
    public Mono<Void> checkIn(Organiser organiser, RegistrationId id, Attendance attendance) {
        return checkIn(organiser, id, attendance, null);
    }

    /**
     * Marks who came: the registrant, or with {@code memberId} one young person of their group, each on
     * their own. Only the registrant's arrival is announced: the young people are not known beyond this
     * service.
     */
    public Mono<Void> checkIn(
            Organiser organiser, RegistrationId id, Attendance attendance, @Nullable String memberId) {
        if (memberId != null) {
            return registrations
                    .findById(id)
                    .filter(registration -> registration.members().stream()
                            .anyMatch(member -> member.id().equals(memberId)))
                    .switchIfEmpty(Mono.error(() -> new NotFound("No such person in registration " + id)))
                    .flatMap(registration -> eventRunBy(organiser, registration.eventId())
                            .then(
                                    registration.isWaiting(memberId)
                                            ? Mono.just(false)
                                            : registrations.markMemberAttendance(id, memberId, attendance)))
                    .flatMap(marked -> marked
                            ? Mono.<Void>empty()
                            : Mono.error(new RegistrationRefused("Only a confirmed registration can be checked in.")));
        }
        return registrations
                .findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration " + id)))
                .flatMap(registration -> eventRunBy(organiser, registration.eventId())
                        .then(registrations.markAttendance(
                                id,
                                attendance,
                                attendance == Attendance.ATTENDED
                                        ? List.of(message(RegistrationChange.Type.CHECKED_IN, registration, null, null))
                                        : List.of())))
                .flatMap(marked -> marked
                        ? Mono.<Void>empty()
                        : Mono.error(new RegistrationRefused("Only a confirmed registration can be checked in.")));
    }

    /**
     * Who a check-in code named, as marked: {@code memberId} null for the registrant. {@code alreadyMarked}:
     * they had been marked so before this call, so a scan repeated (a door tablet's queue sent twice, a
     * code shown again) answers the same and the door can say "already checked in".
     */
    public record CheckedIn(
            RegistrationId registrationId,
            @Nullable String memberId,
            String name,
            Attendance attendance,
            boolean alreadyMarked) {}

    /** The registrant's check-in code, for their manage page. */
    public String checkInCode(RegistrationId id) {
        return tokens.checkInCodeFor(id);
    }

    /** A young person's check-in code, for their worker's manage page. */
    public String checkInCode(RegistrationId id, String memberId) {
        return tokens.checkInCodeFor(id, memberId);
    }

    /**
     * At the door by code (typed or scanned): marks the person it names among the event's registrations
     * that are not cancelled, as {@link #checkIn(Organiser, RegistrationId, Attendance, String)} does.
     * Codes are not stored, so each is derived again and compared. Another organisation's event, or a
     * code that names no one here (a manage token, say), is not found. Idempotent: the same code again
     * marks nothing new and announces nothing twice.
     */
    public Mono<CheckedIn> checkInByCode(Organiser organiser, EventId event, String code, Attendance attendance) {
        return eventRunBy(organiser, event)
                .thenMany(registrations.forEvent(event, null))
                .filter(entry -> entry.registration().status() != RegistrationStatus.CANCELLED)
                .concatMapIterable(entry -> named(entry, code, attendance))
                .next()
                .switchIfEmpty(Mono.error(() -> new NotFound("No one with that code at this event")))
                .flatMap(person -> checkIn(organiser, person.registrationId(), attendance, person.memberId())
                        .thenReturn(person));
    }

    private List<CheckedIn> named(RegistrationEntry entry, String code, Attendance attendance) {
        var registration = entry.registration();
        var id = registration.id();
        if (ManageTokens.same(code, tokens.checkInCodeFor(id))) {
            return List.of(new CheckedIn(
                    id, null, registration.attendee().name(), attendance, entry.attendance() == attendance));
        }
        return registration.members().stream()
                .filter(member -> ManageTokens.same(code, tokens.checkInCodeFor(id, member.id())))
                .map(member -> new CheckedIn(
                        id, member.id(), member.name(), attendance, entry.attendanceOf(member) == attendance))
                .limit(1)
                .toList();
    }

    /** An organiser cancels a registration (the person told them); seats are freed and the queue served. */
    public Mono<Outcome> cancelFor(Organiser organiser, RegistrationId id) {
        return registrations
                .findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration " + id)))
                .flatMap(registration ->
                        eventRunBy(organiser, registration.eventId()).then(cancel(registration)));
    }

    /** The person changes what they need; kinds and text are validated like a new registration's. */
    public Mono<Outcome> changeSupportNeeds(String manageToken, SupportNeeds needs) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(registration -> registrations
                        .changeSupportNeeds(registration.id(), needs)
                        .flatMap(changed -> changed
                                ? registrations.findById(registration.id()).flatMap(this::outcomeOf)
                                : Mono.error(new RegistrationRefused("A cancelled registration cannot be changed."))));
    }

    /**
     * The language and reading mode of the person's emails from now on (issue 21). notifications-service
     * learns it from the message written with the change, for the reminders and news it sends later.
     */
    public Mono<Outcome> changeReading(String manageToken, String language, boolean easyRead) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(current -> {
                    if (current.status() == RegistrationStatus.CANCELLED) {
                        return Mono.error(new RegistrationRefused("A cancelled registration cannot be changed."));
                    }
                    var changed = current.attendee().withReading(language, easyRead);
                    var message = new RegistrationChange(
                            UUID.randomUUID(),
                            RegistrationChange.Type.READING_CHANGED,
                            clock.instant(),
                            current.eventId(),
                            current.id(),
                            current.version() + 1,
                            current.status() == RegistrationStatus.WAITLISTED
                                    ? RegistrationChange.Standing.WAITLISTED
                                    : RegistrationChange.Standing.CONFIRMED,
                            changed.name(),
                            changed.email(),
                            current.seatsHeld(),
                            current.companions().stream().map(Enum::name).toList(),
                            null,
                            null,
                            List.of(),
                            List.of(),
                            List.of(),
                            changed.language(),
                            current.withAttendee(changed).easyReadEmails(),
                            null);
                    return registrations
                            .changeReading(current, changed, message)
                            .flatMap(written -> written
                                    ? registrations.findById(current.id()).flatMap(this::outcomeOf)
                                    // Changed meanwhile (cancelled, or another change): read it again.
                                    : changeReading(manageToken, language, easyRead));
                });
    }

    /**
     * The worker brings one more young person: a seat more if one is free and nobody waits (they
     * would overtake the queue otherwise), or a bigger party in the same place in the queue. The
     * ledger grows first, so a crash before the registration records it leaves a seat held, never
     * one given twice.
     */
    public Mono<Outcome> addMember(String manageToken, GroupMember member) {
        return groupBy(manageToken)
                .flatMap(current -> ledgers.find(current.eventId()).flatMap(seats -> {
                    if (current.partlyWaiting()) {
                        return Mono.error(new RegistrationRefused(
                                "Part of your group is still waiting for places. You can add people once everyone"
                                        + " in it has a place."));
                    }
                    var errors = new LinkedHashMap<String, String>();
                    if (current.members().size() + 1 > seats.groupLimit()) {
                        errors.put(
                                "group.members", "a group can bring at most " + seats.groupLimit() + " young people");
                    }
                    ageAllows(member.ageBand(), member.guardian(), "", errors);
                    if (member.ownConfirmation()
                            && (member.email() == null || member.email().isBlank())) {
                        errors.put("email", "is needed to send them their own confirmation");
                    }
                    if (!errors.isEmpty()) {
                        return Mono.error(new InvalidRegistration(errors));
                    }
                    var members = new java.util.ArrayList<>(current.members());
                    members.add(member);
                    var changed = current.withGroup(groupOf(current).withMembers(members));
                    return ledgers.resize(current.eventId(), current.id(), changed.seats())
                            .flatMap(grown -> grown
                                    ? record(current, changed)
                                            .onErrorResume(
                                                    RegistrationRefused.class,
                                                    raced -> ledgers.resize(
                                                                    current.eventId(), current.id(), current.seats())
                                                            .then(Mono.error(raced)))
                                    : Mono.error(new RegistrationRefused(
                                            "No seat is free for one more person at this event.")));
                }));
    }

    /**
     * The worker takes a young person off their group: nothing of that person is kept, and the seat
     * goes back and serves the queue. The registration records it first, so a crash before the ledger
     * gives the seat back leaves one held too many, never one given twice. A group keeps at least one
     * young person; cancelling frees every seat.
     */
    public Mono<Outcome> removeMember(String manageToken, String memberId) {
        return groupBy(manageToken).flatMap(current -> {
            var members = current.members().stream()
                    .filter(member -> !member.id().equals(memberId))
                    .toList();
            if (members.size() == current.members().size()) {
                return Mono.error(new NotFound("No such person in this group"));
            }
            if (members.isEmpty()) {
                return Mono.error(new RegistrationRefused(
                        "A group keeps at least one young person: cancel the registration to free every seat."));
            }
            var changed = current.withGroup(groupOf(current).withMembers(members));
            var removed = current.members().stream()
                    .filter(member -> member.id().equals(memberId))
                    .findFirst()
                    .orElseThrow();
            return record(
                            current,
                            changed,
                            List.of(memberMessage(RegistrationChange.Type.MEMBER_REMOVED, current, removed)))
                    .flatMap(outcome -> resizeParts(current, changed)
                            .then(promote(current.eventId()))
                            .then(registrations.findById(current.id()).flatMap(this::outcomeOf)));
        });
    }

    /**
     * The ledger follows a smaller group: the seats of those accepted, and the rest's place in the
     * queue, which it leaves when nobody of it waits any more.
     */
    private Mono<Void> resizeParts(Registration before, Registration after) {
        var event = before.eventId();
        var held = ledgers.resize(event, before.id(), after.seatsHeld());
        if (!before.partlyWaiting()) {
            return held.then();
        }
        return held.then(
                        after.partlyWaiting()
                                ? ledgers.resize(event, before.restOfGroup(), after.seatsWaiting())
                                : ledgers.leaveQueue(event, before.restOfGroup()))
                .then();
    }

    private Mono<Registration> groupBy(String manageToken) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(registration -> {
                    if (registration.status() != RegistrationStatus.CONFIRMED
                            && registration.status() != RegistrationStatus.WAITLISTED) {
                        return Mono.error(new RegistrationRefused("A cancelled registration cannot be changed."));
                    }
                    if (registration.group() == null) {
                        return Mono.error(new RegistrationRefused("Only a group's registration has people to change."));
                    }
                    return Mono.just(registration);
                });
    }

    /**
     * The group of a registration already known to have one: {@link #groupBy} checked it, or one of its
     * young people was found in it.
     */
    private static Group groupOf(Registration registration) {
        return java.util.Objects.requireNonNull(registration.group(), "a group's registration has a group");
    }

    private Mono<Outcome> record(Registration current, Registration changed) {
        return record(current, changed, List.of());
    }

    private Mono<Outcome> record(Registration current, Registration changed, List<RegistrationChange> messages) {
        return registrations
                .changeGroup(current, groupOf(changed), messages)
                .flatMap(written -> written
                        ? registrations.findById(current.id()).flatMap(this::outcomeOf)
                        : Mono.error(new RegistrationRefused(
                                "The registration changed at the same moment. Please look at it again and retry.")));
    }

    /** The worker changes what one young person of their group needs; kinds and free text as for anyone. */
    public Mono<Outcome> changeMemberSupportNeeds(String manageToken, String memberId, SupportNeeds needs) {
        return groupBy(manageToken).flatMap(current -> {
            if (current.members().stream().noneMatch(member -> member.id().equals(memberId))) {
                return Mono.error(new NotFound("No such person in this group"));
            }
            var members = current.members().stream()
                    .map(member -> member.id().equals(memberId) ? member.withSupportNeeds(needs) : member)
                    .toList();
            return record(current, current.withGroup(groupOf(current).withMembers(members)));
        });
    }

    /** An organiser erases a registration on the person's request: it is cancelled if active, then anonymised. */
    public Mono<Void> erase(Organiser organiser, RegistrationId id) {
        return registrations
                .findById(id)
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration " + id)))
                .flatMap(registration ->
                        eventRunBy(organiser, registration.eventId()).then(eraseRegistration(registration)));
    }

    /**
     * An organiser erases one young person of a group on their (or their guardian's) request: nothing
     * says who they were any more, and the rest of the group, its seats and its place stay as they are.
     */
    public Mono<Void> eraseMember(Organiser organiser, RegistrationId id, String memberId) {
        return registrations
                .findById(id)
                .filter(registration -> registration.members().stream()
                        .anyMatch(member -> member.id().equals(memberId)))
                .switchIfEmpty(Mono.error(() -> new NotFound("No such person in registration " + id)))
                .flatMap(current -> eventRunBy(organiser, current.eventId()).then(Mono.defer(() -> {
                    var members = current.members().stream()
                            .map(member -> member.id().equals(memberId) ? member.erased() : member)
                            .toList();
                    var erased = current.members().stream()
                            .filter(member -> member.id().equals(memberId))
                            .findFirst()
                            .orElseThrow();
                    return registrations
                            .changeGroup(
                                    current,
                                    groupOf(current).withMembers(members),
                                    List.of(memberMessage(RegistrationChange.Type.MEMBER_ERASED, current, erased)))
                            .flatMap(written -> written
                                    ? Mono.<Void>empty()
                                    : Mono.error(new RegistrationRefused(
                                            "The registration changed at the same moment. Please try again.")));
                })));
    }

    /** The person erases their own registration from their private link. */
    public Mono<Void> eraseByToken(String manageToken) {
        return registrations
                .findByManageTokenHash(ManageTokens.hash(manageToken))
                .switchIfEmpty(Mono.error(() -> new NotFound("No registration for this link")))
                .flatMap(this::eraseRegistration);
    }

    private Mono<Void> eraseRegistration(Registration registration) {
        var cancelFirst =
                registration.status() == RegistrationStatus.CANCELLED ? Mono.<Outcome>empty() : cancel(registration);
        return cancelFirst.then(registrations.erase(registration.id()));
    }

    public Mono<EventSeats> availability(EventId event) {
        return ledgers.find(event).switchIfEmpty(Mono.error(() -> new NotFound("No event " + event)));
    }

    private Mono<Outcome> outcomeOf(Registration registration) {
        var token = tokens.tokenFor(registration.id());
        var waiting = registration.status() == RegistrationStatus.WAITLISTED
                ? registration.id()
                : registration.status() == RegistrationStatus.CONFIRMED && registration.partlyWaiting()
                        ? registration.restOfGroup()
                        : null;
        if (waiting == null) {
            return Mono.just(new Outcome(registration, 0, token));
        }
        return ledgers.positionOf(registration.eventId(), waiting)
                .defaultIfEmpty(0L)
                .map(position -> new Outcome(registration, position, token));
    }

    private RegistrationChange message(
            RegistrationChange.Type type, Registration after, @Nullable Long position, @Nullable String manageToken) {
        return message(type, after, position, manageToken, member -> !after.isWaiting(member.id()));
    }

    /**
     * About one young person of a group, written with the change of the group (the version it moves
     * to): their name, and their address if they asked for their own emails, so notifications can tell
     * them and then forget them.
     */
    private RegistrationChange memberMessage(RegistrationChange.Type type, Registration before, GroupMember member) {
        var status = before.status() == RegistrationStatus.WAITLISTED
                ? RegistrationChange.Standing.WAITLISTED
                : RegistrationChange.Standing.CONFIRMED;
        return new RegistrationChange(
                UUID.randomUUID(),
                type,
                clock.instant(),
                before.eventId(),
                before.id(),
                before.version() + 1,
                status,
                before.attendee().name(),
                before.attendee().email(),
                before.seatsHeld(),
                before.companions().stream().map(Enum::name).toList(),
                null,
                null,
                List.of(),
                List.of(new RegistrationChange.Member(
                        member.name(), member.ownConfirmation() ? member.email() : null, null)),
                java.util.List.of(),
                before.attendee().language(),
                before.easyReadEmails(),
                null);
    }

    /**
     * {@code newsTo}: the young people of the group this message is news to, whose own address (where
     * the worker asked for it) it carries; those accepted earlier were told then, those waiting are told
     * when they are served.
     */
    private RegistrationChange message(
            RegistrationChange.Type type,
            Registration after,
            @Nullable Long position,
            @Nullable String manageToken,
            java.util.function.Predicate<GroupMember> newsTo) {
        var status = switch (after.status()) {
            case CONFIRMED -> RegistrationChange.Standing.CONFIRMED;
            case WAITLISTED -> RegistrationChange.Standing.WAITLISTED;
            default -> RegistrationChange.Standing.CANCELLED;
        };
        return new RegistrationChange(
                UUID.randomUUID(),
                type,
                clock.instant(),
                after.eventId(),
                after.id(),
                after.version(),
                status,
                after.attendee().name(),
                after.attendee().email(),
                after.seatsHeld(),
                after.companions().stream().map(Enum::name).toList(),
                position == null ? null : position.intValue(),
                manageToken,
                after.supportRequested(),
                after.members().stream()
                        .map(member -> new RegistrationChange.Member(
                                member.name(),
                                member.ownConfirmation() && newsTo.test(member) ? member.email() : null,
                                after.isWaiting(member.id()) ? Boolean.TRUE : null))
                        .toList(),
                java.util.List.of(),
                after.attendee().language(),
                after.easyReadEmails(),
                // The person's code to show at the door, for the email that tells them they have a place.
                type == RegistrationChange.Type.CONFIRMED || type == RegistrationChange.Type.PROMOTED
                        ? tokens.checkInCodeFor(after.id())
                        : null);
    }

    /**
     * The decision's message, and beside it the organisation's alert when support was asked for:
     * kinds only, never the free text, and without the private link.
     */
    private List<RegistrationChange> withSupportAlert(RegistrationChange decision) {
        if (decision.supportRequested().isEmpty()) {
            return List.of(decision);
        }
        var alert = new RegistrationChange(
                UUID.randomUUID(),
                RegistrationChange.Type.SUPPORT_NEEDS_REQUESTED,
                decision.occurredAt(),
                decision.eventId(),
                decision.registrationId(),
                decision.aggregateVersion(),
                decision.status(),
                decision.attendeeName(),
                decision.attendeeEmail(),
                decision.seats(),
                decision.companions(),
                decision.waitlistPosition(),
                null,
                decision.supportRequested(),
                decision.groupMembers(),
                java.util.List.of(),
                decision.language(),
                decision.easyRead(),
                null);
        return List.of(decision, alert);
    }

    private void outcome(String outcome) {
        meters.counter("convene.registrations", "outcome", outcome).increment();
    }
}
