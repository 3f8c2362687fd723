package org.convene.events.event.domain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.function.Consumer;
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
            EventDetails details, Schedule schedule, RegistrationWindow window, int capacity, int maxCompanions) {}

    public Mono<Event> create(Organiser organiser, Draft draft) {
        var event = Event.draft(
                EventId.newId(),
                organiser.organisationId(),
                draft.details(),
                draft.schedule(),
                draft.window(),
                draft.capacity(),
                draft.maxCompanions(),
                clock.instant());
        return events.insert(event).doOnSuccess(saved -> created.increment());
    }

    public Mono<Event> edit(Organiser organiser, EventId id, Long expectedVersion, Draft draft) {
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
                        clock.instant()));
    }

    public Mono<Event> publish(Organiser organiser, EventId id, Long expectedVersion) {
        return change(organiser, id, expectedVersion, event -> event.publish(clock.instant()))
                .doOnSuccess(saved -> published.increment());
    }

    public Mono<Event> reschedule(
            Organiser organiser, EventId id, Long expectedVersion, Schedule schedule, RegistrationWindow window) {
        return change(organiser, id, expectedVersion, event -> event.reschedule(schedule, window, clock.instant()));
    }

    public Mono<Event> changeCapacity(Organiser organiser, EventId id, Long expectedVersion, int capacity) {
        return change(organiser, id, expectedVersion, event -> event.changeCapacity(capacity, clock.instant()));
    }

    public Mono<Event> cancel(Organiser organiser, EventId id, Long expectedVersion, String reason) {
        return change(organiser, id, expectedVersion, event -> event.cancel(reason, clock.instant()))
                .doOnSuccess(saved -> cancelled.increment());
    }

    public Mono<Event> complete(Organiser organiser, EventId id, Long expectedVersion) {
        return change(organiser, id, expectedVersion, event -> event.complete(clock.instant()));
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

    /** A published, cancelled or completed event; drafts do not exist for the public. */
    public Mono<Event> findPublic(EventId id) {
        return events.findById(id).filter(Event::isPublic).switchIfEmpty(Mono.error(() -> new EventNotFound(id)));
    }

    public Flux<Event> listPublic(PublicEventQuery query) {
        return events.findPublished(query);
    }

    private Mono<Event> change(Organiser organiser, EventId id, Long expectedVersion, Consumer<Event> change) {
        return findForOrganiser(organiser, id).flatMap(event -> {
            if (expectedVersion != null && expectedVersion != event.version()) {
                return Mono.error(new VersionConflict(id, expectedVersion));
            }
            change.accept(event);
            return events.update(event);
        });
    }
}
