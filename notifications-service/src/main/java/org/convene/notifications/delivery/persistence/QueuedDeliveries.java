package org.convene.notifications.delivery.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.regex.Pattern;
import org.convene.notifications.delivery.domain.DeliveryQueue;
import org.convene.notifications.delivery.domain.Recipient;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.registrant.domain.RegistrationId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The queue as the other features see it. The ids are made here: an id ending in {@code :<registration>}
 * is how {@link Deliveries#forgetPerson} finds the emails about a registration that carry none, and an id
 * starting {@code subscription:<subscriber>:} how a subscriber's are found.
 */
@Component
class QueuedDeliveries implements DeliveryQueue {

    private final Deliveries deliveries;
    private final ReactiveMongoTemplate mongo;

    QueuedDeliveries(Deliveries deliveries, ReactiveMongoTemplate mongo) {
        this.deliveries = deliveries;
        this.mongo = mongo;
    }

    @Override
    public Mono<Void> reminder(EventId event, RegistrationId registration, Recipient to, Instant now) {
        return deliveries.enqueue(Delivery.aboutEvent(
                        "reminder:" + event.value() + ":" + registration.value(),
                        "reminder",
                        to.email(),
                        to.name(),
                        event.value(),
                        now,
                        null)
                .inReading(to.language(), to.easyRead()));
    }

    @Override
    public Mono<Void> rescheduled(
            String messageId,
            EventId event,
            RegistrationId registration,
            Recipient to,
            Instant now,
            @Nullable String traceparent) {
        return deliveries.enqueue(Delivery.aboutEvent(
                        messageId + ":" + registration.value(),
                        "rescheduled",
                        to.email(),
                        to.name(),
                        event.value(),
                        now,
                        traceparent)
                .inReading(to.language(), to.easyRead()));
    }

    @Override
    public Mono<Void> newsletterTest(
            String newsletterId, OrganisationId organisation, String organiserEmail, Instant at) {
        return deliveries.enqueue(Delivery.newsletterTest(
                "newsletter-test:" + newsletterId + ":" + at.toEpochMilli(),
                organiserEmail,
                organisation.value(),
                newsletterId,
                at));
    }

    @Override
    public Mono<Void> subscriptionConfirmation(
            String subscriberId, OrganisationId organisation, Recipient to, String confirmLink, Instant askedAt) {
        return deliveries.enqueue(Delivery.subscriptionConfirmation(
                        "subscription:" + subscriberId + ":" + askedAt.toEpochMilli(),
                        to.email(),
                        to.name(),
                        organisation.value(),
                        confirmLink,
                        askedAt)
                .inReading(to.language(), to.easyRead()));
    }

    @Override
    public Mono<Void> forgetSubscriptionEmails(String subscriberId) {
        return mongo.remove(
                        query(where("_id").regex("^" + Pattern.quote("subscription:" + subscriberId + ":"))),
                        Delivery.class)
                .then();
    }
}
