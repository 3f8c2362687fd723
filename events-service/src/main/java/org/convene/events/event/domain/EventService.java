package org.convene.events.event.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What organisers and the public can do with events. Organisers act only within their own
 * organisation: another organisation's event is reported as not found, so its existence is not revealed.
 */
public class EventService {

    private final Events events;
    private final Clock clock;
    private final Counter created;
    private final Counter published;
    private final Counter cancelled;

    public EventService(Events events, Clock clock, MeterRegistry meters) {
        this.events = events;
        this.clock = clock;
        // One counter with a tag: Prometheus reserves the "_created" suffix, so "events.created" would be mangled.
        this.created = meters.counter("convene.events.lifecycle", "transition", "created");
        this.published = meters.counter("convene.events.lifecycle", "transition", "published");
        this.cancelled = meters.counter("convene.events.lifecycle", "transition", "cancelled");
    }

    public record Draft(
            EventDetails details,
            Schedule schedule,
            RegistrationWindow window,
            int capacity,
            int maxCompanions,
            int groupLimit,
            Visibility visibility) {}

    public Mono<Event> create(Organiser organiser, Draft draft) {
        var event = Event.draft(
                EventId.newId(),
                organiser.organisationId(),
                draft.details(),
                draft.schedule(),
                draft.window(),
                draft.capacity(),
                draft.maxCompanions(),
                draft.groupLimit(),
                draft.visibility(),
                clock.instant());
        return events.insert(event).doOnSuccess(saved -> created.increment());
    }

    /**
     * A draft under a given id, invite-only, with one invitation for {@code partner} holding no places:
     * what an accepted booking request becomes (ADR 14). An event already under that id is returned as
     * it is, so making it again after a failure makes nothing twice.
     */
    public Mono<Event> createInviteOnly(Organiser organiser, EventId id, Draft draft, String partner) {
        return events.findById(id)
                .filter(existing -> organiser.actsFor(existing.organisationId()))
                .switchIfEmpty(Mono.defer(() -> {
                    var now = clock.instant();
                    var event = Event.draft(
                            id,
                            organiser.organisationId(),
                            draft.details(),
                            draft.schedule(),
                            draft.window(),
                            draft.capacity(),
                            draft.maxCompanions(),
                            draft.groupLimit(),
                            Visibility.INVITE_ONLY,
                            now);
                    event.invite(partner, 0, null, now);
                    return events.insert(event).doOnSuccess(saved -> created.increment());
                }));
    }

    public Mono<Event> edit(Organiser organiser, EventId id, @Nullable Long expectedVersion, Draft draft) {
        return change(
                organiser,
                id,
                expectedVersion,
                event -> event.edit(
                        draft.details(),
                        draft.schedule(),
                        draft.window(),
                        draft.capacity(),
                        draft.maxCompanions(),
                        draft.groupLimit(),
                        draft.visibility(),
                        clock.instant()));
    }

    public Mono<Event> publish(Organiser organiser, EventId id, @Nullable Long expectedVersion) {
        return change(organiser, id, expectedVersion, event -> event.publish(clock.instant()))
                .doOnSuccess(saved -> published.increment());
    }

    public Mono<Event> reschedule(
            Organiser organiser,
            EventId id,
            @Nullable Long expectedVersion,
            Schedule schedule,
            RegistrationWindow window) {
        return change(organiser, id, expectedVersion, event -> event.reschedule(schedule, window, clock.instant()));
    }

    public Mono<Event> changeCapacity(Organiser organiser, EventId id, @Nullable Long expectedVersion, int capacity) {
        return change(organiser, id, expectedVersion, event -> event.changeCapacity(capacity, clock.instant()));
    }

    public Mono<Event> cancel(Organiser organiser, EventId id, @Nullable Long expectedVersion, String reason) {
        return change(organiser, id, expectedVersion, event -> event.cancel(reason, clock.instant()))
                .doOnSuccess(saved -> cancelled.increment());
    }

    public Mono<Event> complete(Organiser organiser, EventId id, @Nullable Long expectedVersion) {
        return change(organiser, id, expectedVersion, event -> event.complete(clock.instant()));
    }

    /** An invitation the organiser just made, and the event as it now is (its new version). */
    public record Invited(Event event, Invitation invitation) {}

    /** A new invitation for a partner on the event (ADR 13); see {@link Event#invite}. */
    public Mono<Invited> invite(
            Organiser organiser,
            EventId id,
            @Nullable Long expectedVersion,
            String partner,
            int seatsHeld,
            java.time.@Nullable Instant releaseAt) {
        var made = new AtomicReference<Invitation>();
        return change(
                        organiser,
                        id,
                        expectedVersion,
                        event -> made.set(event.invite(partner, seatsHeld, releaseAt, clock.instant())))
                .map(event -> new Invited(event, made.get()));
    }

    /** Revokes one of the event's invitations; revoking it again changes nothing. */
    public Mono<Event> revokeInvitation(
            Organiser organiser, EventId id, @Nullable Long expectedVersion, InvitationId invitationId) {
        return change(organiser, id, expectedVersion, event -> event.revokeInvitation(invitationId, clock.instant()));
    }

    /** A new draft with the same details, at the given time or, without one, the same time to edit later. */
    public Mono<Event> duplicate(Organiser organiser, EventId id, @Nullable Schedule schedule) {
        return findForOrganiser(organiser, id)
                .flatMap(source -> events.insert(copy(source, schedule == null ? source.schedule() : schedule)))
                .doOnSuccess(copy -> created.increment());
    }

    public enum Frequency {
        WEEKLY,
        MONTHLY
    }

    public static final int MAX_SERIES = 52;

    /**
     * {@code count} dated drafts following the source, a week or a month apart, at the same local
     * time in the event's zone (so a 10:00 workshop stays at 10:00 across a clock change). A monthly
     * series on the 31st falls on the last day of shorter months.
     */
    public Flux<Event> createSeries(Organiser organiser, EventId id, Frequency frequency, int count) {
        if (count < 1 || count > MAX_SERIES) {
            return Flux.error(new EventRuleViolation(java.util.Map.of("count", "must be between 1 and " + MAX_SERIES)));
        }
        return findForOrganiser(organiser, id).flatMapMany(source -> {
            var start = source.schedule().localStart();
            var length = java.time.Duration.between(
                    source.schedule().startsAt(), source.schedule().endsAt());
            return Flux.range(1, count)
                    .map(n -> frequency == Frequency.WEEKLY ? start.plusWeeks(n) : start.plusMonths(n))
                    .map(next -> new Schedule(
                            next.toInstant(),
                            next.toInstant().plus(length),
                            source.schedule().zone()))
                    .concatMap(schedule -> events.insert(copy(source, schedule)))
                    .doOnNext(copy -> created.increment());
        });
    }

    private Event copy(Event source, Schedule schedule) {
        return Event.draft(
                EventId.newId(),
                source.organisationId(),
                source.details(),
                schedule,
                RegistrationWindow.UNSET,
                source.capacity(),
                source.maxCompanions(),
                source.groupLimit(),
                source.visibility(),
                clock.instant());
    }

    public Mono<Event> findForOrganiser(Organiser organiser, EventId id) {
        return events.findById(id)
                .filter(event -> organiser.actsFor(event.organisationId()))
                .switchIfEmpty(Mono.error(() -> new EventNotFound(id)));
    }

    public Flux<Event> listForOrganiser(Organiser organiser, OrganisationId organisation) {
        if (!organiser.actsFor(organisation)) {
            return Flux.error(new OrganisationAccessDenied());
        }
        return events.findByOrganisation(organisation);
    }

    /**
     * A published, cancelled or completed event; drafts do not exist for the public, and neither does
     * an invite-only event for anyone without the code of one of its invitations that is not revoked
     * (ADR 13): both are {@link EventNotFound}, as for an event that does not exist.
     */
    public Mono<Event> findPublic(EventId id, String invitationCode) {
        return findPublic(id, invitationCode, Optional.empty());
    }

    /** As {@link #findPublic(EventId, String)}; an organiser of the event's organisation needs no invitation. */
    public Mono<Event> findPublic(EventId id, String invitationCode, Optional<Organiser> viewer) {
        return events.findById(id)
                .filter(Event::isPublic)
                .filter(event -> event.admits(invitationCode)
                        || viewer.filter(organiser -> organiser.actsFor(event.organisationId()))
                                .isPresent())
                .switchIfEmpty(Mono.error(() -> new EventNotFound(id)));
    }

    public Flux<Event> listPublic(PublicEventQuery query) {
        return events.findPublished(query);
    }

    /** The most events an organisation's calendar feed holds: the next ones first. */
    public static final int CALENDAR_FEED_LIMIT = 500;

    /** How long a cancelled event stays in the feed, marked cancelled, so subscribed calendars drop it. */
    public static final java.time.Duration CANCELLED_IN_FEED_FOR = java.time.Duration.ofDays(30);

    /**
     * What an organisation's calendar feed lists: its public, published events that have not ended (the next
     * {@link #CALENDAR_FEED_LIMIT} first), and those cancelled in the last {@link #CANCELLED_IN_FEED_FOR} that
     * had not ended either. Never drafts, unlisted or invite-only events.
     */
    public Flux<Event> calendarFeed(OrganisationId organisation) {
        var now = clock.instant();
        return events.findForCalendarFeed(organisation, now, now.minus(CANCELLED_IN_FEED_FOR), CALENDAR_FEED_LIMIT);
    }

    private Mono<Event> change(
            Organiser organiser, EventId id, @Nullable Long expectedVersion, Consumer<Event> change) {
        return findForOrganiser(organiser, id).flatMap(event -> {
            if (expectedVersion != null && expectedVersion != event.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            change.accept(event);
            return events.update(event);
        });
    }
}
