package org.convene.notifications.newsletter.persistence;

import java.time.Instant;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterTestSends;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class QueuedNewsletterTestSends implements NewsletterTestSends {

    private final Deliveries deliveries;

    QueuedNewsletterTestSends(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public Mono<Void> send(Newsletter newsletter, String organiserEmail, Instant at) {
        return deliveries.enqueue(Delivery.pending(
                "newsletter-test:" + newsletter.id() + ":" + at.toEpochMilli(),
                "newsletter-test",
                organiserEmail,
                null,
                newsletter.organisationId(),
                null,
                newsletter.id(),
                null,
                null,
                at,
                null));
    }
}
