package org.convene.notifications.organisation.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.notifications.organisation.domain.Organisation;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

@Repository
public class OrganisationViews implements Organisations {

    private final ReactiveMongoTemplate mongo;

    OrganisationViews(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Mono<Boolean> exists(OrganisationId id) {
        return mongo.exists(query(where("_id").is(id.value())), OrganisationView.class);
    }

    @Override
    public Mono<Organisation> find(OrganisationId id) {
        return mongo.findById(id.value(), OrganisationView.class)
                .map(view -> new Organisation(
                        id,
                        view.name(),
                        view.contactEmail(),
                        view.replyTo(),
                        view.brandColour(),
                        view.announceNewEvents()));
    }

    /** Keeps the newest version: an older or repeated message changes nothing. */
    public Mono<Void> apply(OrganisationMessage message) {
        var view = new OrganisationView(
                message.organisationId(),
                message.aggregateVersion(),
                message.name(),
                message.contactEmail(),
                message.replyTo(),
                message.brandColour(),
                message.announceNewEvents());
        var older =
                query(where("_id").is(message.organisationId()).and("version").lt(message.aggregateVersion()));
        var update = new Update()
                .set("version", view.version())
                .set("name", view.name())
                .set("contactEmail", view.contactEmail())
                .set("replyTo", view.replyTo())
                .set("brandColour", view.brandColour())
                .set("announceNewEvents", view.announceNewEvents());
        return mongo.updateFirst(older, update, OrganisationView.class)
                .flatMap(result -> result.getMatchedCount() == 1
                        ? Mono.<Void>empty()
                        : mongo.insert(view)
                                .then()
                                // Stored meanwhile by another message: compare versions again against it.
                                .onErrorResume(
                                        DuplicateKeyException.class,
                                        raced -> mongo.updateFirst(older, update, OrganisationView.class)
                                                .then()));
    }
}
