package org.convene.notifications.newsletter.persistence;

import java.time.Instant;
import org.convene.notifications.delivery.domain.DeliveryQueue;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterTestSends;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class QueuedNewsletterTestSends implements NewsletterTestSends {

    private final DeliveryQueue queue;

    QueuedNewsletterTestSends(DeliveryQueue queue) {
        this.queue = queue;
    }

    @Override
    public Mono<Void> send(Newsletter newsletter, String organiserEmail, Instant at) {
        return queue.newsletterTest(
                newsletter.id(), new OrganisationId(newsletter.organisationId()), organiserEmail, at);
    }
}
