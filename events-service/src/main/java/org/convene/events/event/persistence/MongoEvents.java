package org.convene.events.event.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.convene.contracts.events.EventMessage;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventStatus;
import org.convene.events.event.domain.Events;
import org.convene.events.event.domain.Invitation;
import org.convene.events.event.domain.InvitationId;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.PublicEventQuery;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.SupportOffered;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.event.domain.Visibility;
import org.convene.events.event.messaging.EventMessages;
import org.convene.support.outbox.OutboxTrace;
import org.convene.support.outbox.OutboxWakeUps;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
class MongoEvents implements Events {

    private final ReactiveMongoTemplate mongo;
    private final OutboxWakeUps outbox;

    MongoEvents(ReactiveMongoTemplate mongo, OutboxWakeUps outbox) {
        this.mongo = mongo;
        this.outbox = outbox;
    }

    @Override
    public Mono<Event> insert(Event event) {
        var messages = outboxOf(event);
        return mongo.insert(toDocument(event, messages))
                .doOnSuccess(inserted -> wakeRelayIf(!messages.isEmpty(), event))
                .thenReturn(event);
    }

    /**
     * One conditional update: matched only at the version the event was loaded at; sets the new
     * state and appends the messages to the outbox in the same write. The outbox is appended to,
     * never replaced, so a relay removing published messages at the same moment loses nothing.
     */
    @Override
    public Mono<Event> update(Event event) {
        var document = toDocument(event, List.of());
        var update = new Update()
                .set("status", document.status())
                .set("title", document.title())
                .set("summary", document.summary())
                .set("description", document.description())
                .set("format", document.format())
                .set("audience", document.audience())
                .set("topics", document.topics())
                .set("venue", document.venue())
                .set("onlineLink", document.onlineLink())
                .set("support", document.support())
                .set("startsAt", document.startsAt())
                .set("endsAt", document.endsAt())
                .set("timeZone", document.timeZone())
                .set("registrationOpensAt", document.registrationOpensAt())
                .set("registrationClosesAt", document.registrationClosesAt())
                .set("capacity", document.capacity())
                .set("maxCompanions", document.maxCompanions())
                .set("groupLimit", document.groupLimit())
                .set("visibility", document.visibility())
                .set("cancellationReason", document.cancellationReason())
                .set("publishedAt", document.publishedAt())
                .set("version", document.version())
                .set("updatedAt", document.updatedAt())
                .set("invitations", document.invitations());
        var messages = outboxOf(event);
        if (!messages.isEmpty()) {
            update.push("outbox").each(messages.toArray());
            OutboxTrace.keep(update);
        }
        var current = query(where("_id").is(event.id().value()).and("version").is(event.loadedVersion()));
        return mongo.updateFirst(current, update, EventDocument.class)
                .doOnNext(result -> wakeRelayIf(result.getModifiedCount() == 1 && !messages.isEmpty(), event))
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(event)
                        : Mono.error(new VersionConflict(event.id(), event.loadedVersion())));
    }

    private void wakeRelayIf(boolean messagesAdded, Event event) {
        if (messagesAdded) {
            outbox.written("events", event.id().value());
        }
    }

    @Override
    public Mono<Event> findById(EventId id) {
        return mongo.findById(id.value(), EventDocument.class).map(MongoEvents::toEvent);
    }

    @Override
    public Flux<Event> findByOrganisation(OrganisationId organisation) {
        var byOrganisation =
                query(where("organisationId").is(organisation.value())).with(Sort.by("startsAt", "_id"));
        return mongo.find(byOrganisation, EventDocument.class).map(MongoEvents::toEvent);
    }

    @Override
    public Flux<Event> findPublished(PublicEventQuery filter) {
        var criteria = new ArrayList<Criteria>();
        criteria.add(where("status").is(EventStatus.PUBLISHED.name()));
        // Unlisted events are found by their link only, invite-only ones with an invitation's code; events
        // stored before visibility have none: public.
        criteria.add(where("visibility").nin(Visibility.UNLISTED.name(), Visibility.INVITE_ONLY.name()));
        if (filter.from() != null) {
            criteria.add(where("startsAt").gte(filter.from()));
        }
        if (filter.to() != null) {
            criteria.add(where("startsAt").lt(filter.to()));
        }
        if (filter.audience() != null) {
            criteria.add(where("audience").is(filter.audience().name()));
        }
        if (filter.format() != null) {
            criteria.add(where("format").is(filter.format().name()));
        }
        if (filter.topic() != null) {
            criteria.add(where("topics").is(filter.topic()));
        }
        if (filter.organisation() != null) {
            criteria.add(where("organisationId").is(filter.organisation().value()));
        }
        if (filter.text() != null && !filter.text().isBlank()) {
            // Quoted, so a visitor's search text is matched literally and cannot become a costly pattern.
            var literal = Pattern.compile(Pattern.quote(filter.text().trim()), Pattern.CASE_INSENSITIVE);
            criteria.add(new Criteria()
                    .orOperator(where("title").regex(literal), where("summary").regex(literal)));
        }
        if (filter.after() != null) {
            var after = filter.after();
            criteria.add(new Criteria()
                    .orOperator(
                            where("startsAt").gt(after.startsAt()),
                            new Criteria()
                                    .andOperator(
                                            where("startsAt").is(after.startsAt()),
                                            where("_id").gt(after.id().value()))));
        }
        var query = new Query(new Criteria().andOperator(criteria.toArray(Criteria[]::new)))
                .with(Sort.by("startsAt", "_id"))
                .limit(filter.limit());
        return mongo.find(query, EventDocument.class).map(MongoEvents::toEvent);
    }

    /**
     * One query, as the public listing's: the embedded store ignores the non-unique indexes and scans the
     * collection once; a real MongoDB uses the organisation's index (organisationId, startsAt).
     */
    @Override
    public Flux<Event> findForCalendarFeed(
            OrganisationId organisation, Instant endsAfter, Instant cancelledSince, int limit) {
        var criteria = new Criteria()
                .andOperator(
                        where("organisationId").is(organisation.value()),
                        // Events stored before visibility have none: public.
                        where("visibility").nin(Visibility.UNLISTED.name(), Visibility.INVITE_ONLY.name()),
                        where("endsAt").gt(endsAfter),
                        new Criteria()
                                .orOperator(
                                        where("status").is(EventStatus.PUBLISHED.name()),
                                        // Cancelled is final, so its last change is the cancellation; a draft
                                        // cancelled before it was published was never public.
                                        new Criteria()
                                                .andOperator(
                                                        where("status").is(EventStatus.CANCELLED.name()),
                                                        where("publishedAt").ne(null),
                                                        where("updatedAt").gte(cancelledSince))));
        var query = new Query(criteria).with(Sort.by("startsAt", "_id")).limit(limit);
        return mongo.find(query, EventDocument.class).map(MongoEvents::toEvent);
    }

    private static List<EventMessage> outboxOf(Event event) {
        return event.changes().stream()
                .map(change -> EventMessages.announce(event, change))
                .toList();
    }

    static EventDocument toDocument(Event event, List<EventMessage> outbox) {
        var details = event.details();
        EventDocument.VenueDocument venue = null;
        String onlineLink = null;
        if (details.location() instanceof Location.Venue v) {
            venue = new EventDocument.VenueDocument(
                    v.name(),
                    v.address(),
                    v.postcode(),
                    v.accessibilityInOrder().stream().map(Enum::name).toList(),
                    v.nearestPublicTransport(),
                    v.accessibilityNotes());
        } else if (details.location() instanceof Location.Online online) {
            onlineLink = online.link().toString();
        }
        var support = details.support();
        return new EventDocument(
                event.id().value(),
                event.organisationId().value(),
                event.status().name(),
                details.title(),
                details.summary(),
                details.description(),
                details.format().name(),
                details.audience().name(),
                details.topics(),
                venue,
                onlineLink,
                new EventDocument.SupportDocument(
                        support.interpreterLanguages(),
                        support.foodProvided(),
                        support.dietaryOptions(),
                        support.travelSupport()),
                details.easyReadSummary(),
                details.translations(),
                event.schedule().startsAt(),
                event.schedule().endsAt(),
                event.schedule().zone().getId(),
                event.window().opensAt(),
                event.window().closesAt(),
                event.capacity(),
                event.maxCompanions(),
                event.groupLimit(),
                event.visibility().name(),
                event.cancellationReason(),
                event.publishedAt(),
                event.version(),
                event.createdAt(),
                event.updatedAt(),
                event.invitations().stream()
                        .map(invitation -> new EventDocument.InvitationDocument(
                                invitation.id().value(),
                                invitation.partner(),
                                invitation.code(),
                                invitation.seatsHeld(),
                                invitation.releaseAt(),
                                invitation.createdAt(),
                                invitation.revokedAt()))
                        .toList(),
                outbox);
    }

    static Event toEvent(EventDocument document) {
        Location location = null;
        if (document.venue() != null) {
            var v = document.venue();
            location = new Location.Venue(
                    v.name(),
                    v.address(),
                    v.postcode(),
                    v.accessibility() == null
                            ? java.util.Set.of()
                            : v.accessibility().stream()
                                    .map(AccessibilityFeature::valueOf)
                                    .collect(java.util.stream.Collectors.toSet()),
                    v.nearestPublicTransport(),
                    v.accessibilityNotes());
        } else if (document.onlineLink() != null) {
            location = new Location.Online(URI.create(document.onlineLink()));
        }
        var s = document.support();
        var support = s == null
                ? SupportOffered.NONE
                : new SupportOffered(s.interpreterLanguages(), s.foodProvided(), s.dietaryOptions(), s.travelSupport());
        var details = new EventDetails(
                document.title(),
                document.summary(),
                document.description(),
                EventFormat.valueOf(document.format()),
                Audience.valueOf(document.audience()),
                document.topics(),
                location,
                support,
                document.easyReadSummary(),
                document.translations());
        return Event.restore(
                new EventId(document.id()),
                new OrganisationId(document.organisationId()),
                document.createdAt(),
                EventStatus.valueOf(document.status()),
                details,
                new Schedule(document.startsAt(), document.endsAt(), ZoneId.of(document.timeZone())),
                new RegistrationWindow(document.registrationOpensAt(), document.registrationClosesAt()),
                document.capacity(),
                document.maxCompanions(),
                // Events stored before groups: the default.
                document.groupLimit() == null ? Event.DEFAULT_GROUP_LIMIT : document.groupLimit(),
                // Events stored before visibility: public, as they were.
                document.visibility() == null ? Visibility.PUBLIC : Visibility.valueOf(document.visibility()),
                document.cancellationReason(),
                document.publishedAt(),
                document.version(),
                document.updatedAt(),
                // Events stored before invitations: none.
                document.invitations() == null
                        ? List.of()
                        : document.invitations().stream()
                                .map(invitation -> new Invitation(
                                        new InvitationId(invitation.id()),
                                        invitation.partner(),
                                        invitation.code(),
                                        invitation.seatsHeld(),
                                        invitation.releaseAt(),
                                        invitation.createdAt(),
                                        invitation.revokedAt()))
                                .toList());
    }
}
