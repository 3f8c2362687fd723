package org.convene.events.organisation.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationAlreadyExists;
import org.convene.events.organisation.domain.Organisations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
class MongoOrganisations implements Organisations {

    @Document("organisations")
    record OrganisationDocument(@Id String id, String name, String contactEmail, long version) {}

    private final ReactiveMongoTemplate mongo;

    MongoOrganisations(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Organisation> insert(Organisation organisation) {
        return mongo.insert(new OrganisationDocument(
                        organisation.id().value(),
                        organisation.name(),
                        organisation.contactEmail(),
                        organisation.version()))
                .map(MongoOrganisations::toOrganisation)
                .onErrorMap(DuplicateKeyException.class, e -> new OrganisationAlreadyExists(organisation.id()));
    }

    @Override
    public Mono<Organisation> update(Organisation organisation, long expectedVersion) {
        var current =
                query(where("_id").is(organisation.id().value()).and("version").is(expectedVersion));
        var update = new Update()
                .set("name", organisation.name())
                .set("contactEmail", organisation.contactEmail())
                .set("version", organisation.version());
        return mongo.updateFirst(current, update, OrganisationDocument.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.just(organisation)
                        : Mono.error(new VersionConflict(organisation.id(), expectedVersion)));
    }

    @Override
    public Mono<Organisation> findById(OrganisationId id) {
        return mongo.findById(id.value(), OrganisationDocument.class).map(MongoOrganisations::toOrganisation);
    }

    private static Organisation toOrganisation(OrganisationDocument document) {
        return new Organisation(
                new OrganisationId(document.id()), document.name(), document.contactEmail(), document.version());
    }
}
