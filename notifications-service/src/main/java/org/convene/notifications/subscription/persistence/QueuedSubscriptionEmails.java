package org.convene.notifications.subscription.persistence;

import java.time.Instant;
import org.convene.notifications.delivery.domain.DeliveryQueue;
import org.convene.notifications.delivery.domain.Recipient;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionEmails;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Subscription emails join the same queue as every other email: retried, sent once, visible. */
@Component
class QueuedSubscriptionEmails implements SubscriptionEmails {

    private final DeliveryQueue queue;
    private final String publicBaseUrl;

    QueuedSubscriptionEmails(DeliveryQueue queue, @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.queue = queue;
        this.publicBaseUrl = publicBaseUrl;
    }

    @Override
    public Mono<Void> askToConfirm(Subscriber subscriber, Instant askedAt) {
        return queue.subscriptionConfirmation(
                subscriber.id(),
                new OrganisationId(subscriber.organisationId()),
                new Recipient(subscriber.email(), subscriber.name(), subscriber.language(), subscriber.wantsEasyRead()),
                publicBaseUrl + "/newsletter/confirm/" + subscriber.token(),
                askedAt);
    }

    @Override
    public Mono<Void> forget(Subscriber subscriber) {
        return queue.forgetSubscriptionEmails(subscriber.id());
    }
}
