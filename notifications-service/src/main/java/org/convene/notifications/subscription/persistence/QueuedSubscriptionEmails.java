package org.convene.notifications.subscription.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionEmails;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Subscription emails join the same queue as every other email: retried, sent once, visible. */
@Component
class QueuedSubscriptionEmails implements SubscriptionEmails {

    private final Deliveries deliveries;
    private final ReactiveMongoTemplate mongo;
    private final String publicBaseUrl;

    QueuedSubscriptionEmails(
            Deliveries deliveries,
            ReactiveMongoTemplate mongo,
            @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.deliveries = deliveries;
        this.mongo = mongo;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public Mono<Void> askToConfirm(Subscriber subscriber, Instant askedAt) {
        // One per subscriber per request moment: the same request recorded twice sends once.
        return deliveries.enqueue(Delivery.pending(
                        "subscription:" + subscriber.id() + ":" + askedAt.toEpochMilli(),
                        "subscription-confirmation",
                        subscriber.email(),
                        subscriber.name(),
                        subscriber.organisationId(),
                        null,
                        null,
                        null,
                        publicBaseUrl + "/newsletter/confirm/" + subscriber.token(),
                        askedAt,
                        null)
                .inReading(subscriber.language(), subscriber.wantsEasyRead()));
    }

    @Override
    public Mono<Void> forget(Subscriber subscriber) {
        return mongo.remove(query(where("_id").regex("^subscription:" + subscriber.id() + ":")), Delivery.class)
                .then();
    }
}
