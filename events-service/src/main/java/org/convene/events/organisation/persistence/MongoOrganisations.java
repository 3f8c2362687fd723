package org.convene.events.organisation.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.util.List;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.Offering;
import org.convene.events.organisation.domain.OfferingKind;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationAlreadyExists;
import org.convene.events.organisation.domain.OrganisationDetails;
import org.convene.events.organisation.domain.Organisations;
import org.convene.events.organisation.messaging.OrganisationMessages;
import org.convene.support.outbox.OutboxWakeUps;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/** Each change and the message announcing it are written in one document update (ADR 2). */
@Repository
class MongoOrganisations implements Organisations {

    @Document("organisations")
    record OrganisationDocument(
            @Id String id,
            String name,
            String contactEmail,
            @Nullable String replyTo,
            @Nullable String brandColour,
            @Nullable Boolean announceNewEvents,
            long version,
            List<OrganisationMessage> outbox,
            List<OfferingDocument> offerings) {}

    record OfferingDocument(
            String id, String name, @Nullable String description, String kind) {}

    private final ReactiveMongoTemplate mongo;
    private final Clock clock;
    private final OutboxWakeUps outbox;

    MongoOrganisations(ReactiveMongoTemplate mongo, Clock clock, OutboxWakeUps outbox) {
        this.outbox = outbox;
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public Mono<Organisation> insert(Organisation organisation) {
        var details = organisation.details();
        return mongo.insert(new OrganisationDocument(
                        organisation.id().value(),
                        details.name(),
                        details.contactEmail(),
                        details.replyTo(),
                        details.brandColour(),
                        details.announceNewEvents(),
                        organisation.version(),
                        List.of(OrganisationMessages.announce(organisation, clock.instant())),
                        offerings(organisation)))
                .doOnSuccess(inserted ->
                        outbox.written("organisations", organisation.id().value()))
                .map(MongoOrganisations::toOrganisation)
                .onErrorMap(DuplicateKeyException.class, e -> new OrganisationAlreadyExists(organisation.id()));
    }

    @Override
    public Mono<Organisation> update(Organisation organisation, long expectedVersion) {
        var current =
                query(where("_id").is(organisation.id().value()).and("version").is(expectedVersion));
        var details = organisation.details();
        var update = new Update()
                .set("name", details.name())
                .set("contactEmail", details.contactEmail())
                .set("replyTo", details.replyTo())
                .set("brandColour", details.brandColour())
                .set("announceNewEvents", details.announceNewEvents())
                .set("version", organisation.version())
                .push("outbox", OrganisationMessages.announce(organisation, clock.instant()));
        return mongo.updateFirst(current, update, OrganisationDocument.class)
                .doOnNext(result -> {
                    if (result.getModifiedCount() == 1) {
                        outbox.written("organisations", organisation.id().value());
                    }
                })
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(organisation)
                        : Mono.error(new VersionConflict(organisation.id(), expectedVersion)));
    }

    @Override
    public Mono<Organisation> updateOfferings(Organisation organisation, long expectedVersion) {
        var current =
                query(where("_id").is(organisation.id().value()).and("version").is(expectedVersion));
        var update = new Update().set("offerings", offerings(organisation)).set("version", organisation.version());
        return mongo.updateFirst(current, update, OrganisationDocument.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(organisation)
                        : Mono.error(new VersionConflict(organisation.id(), expectedVersion)));
    }

    private static List<OfferingDocument> offerings(Organisation organisation) {
        return organisation.offerings().stream()
                .map(offering -> new OfferingDocument(
                        // Offerings.replace gives every stored offering an id.
                        java.util.Objects.requireNonNull(offering.id()),
                        offering.name(),
                        offering.description(),
                        offering.kind().name()))
                .toList();
    }

    @Override
    public Mono<Organisation> findById(OrganisationId id) {
        return mongo.findById(id.value(), OrganisationDocument.class).map(MongoOrganisations::toOrganisation);
    }

    private static Organisation toOrganisation(OrganisationDocument document) {
        return new Organisation(
                new OrganisationId(document.id()),
                new OrganisationDetails(
                        document.name(),
                        document.contactEmail(),
                        document.replyTo(),
                        document.brandColour(),
                        Boolean.TRUE.equals(document.announceNewEvents())),
                document.version(),
                document.offerings() == null
                        ? List.of()
                        : document.offerings().stream()
                                .map(offering -> new Offering(
                                        offering.id(),
                                        offering.name(),
                                        offering.description(),
                                        OfferingKind.valueOf(offering.kind())))
                                .toList());
    }
}
