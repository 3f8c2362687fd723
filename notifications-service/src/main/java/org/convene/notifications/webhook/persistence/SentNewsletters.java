package org.convene.notifications.webhook.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Flux;

/** Newsletters of an organisation that finished sending since a moment, for {@code newsletter.sent}. */
public class SentNewsletters {

    private final ReactiveMongoTemplate mongo;

    public SentNewsletters(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Flux<Newsletter> of(String organisationId, Instant since) {
        return mongo.find(
                query(where("organisationId")
                        .is(organisationId)
                        .and("status")
                        .is(NewsletterStatus.SENT)
                        .and("finishedAt")
                        .gte(since)),
                Newsletter.class,
                "newsletters");
    }

    /** The organisations with at least one enabled endpoint that chose {@code newsletter.sent}. */
    public Flux<String> organisationsWanting(String type) {
        return mongo.find(query(where("enabled").is(true)), org.bson.Document.class, MongoWebhookEndpoints.COLLECTION)
                .filter(endpoint -> endpoint.getList("eventTypes", String.class, java.util.List.of())
                        .contains(type))
                .map(endpoint -> endpoint.getString("organisationId"))
                .distinct();
    }
}
