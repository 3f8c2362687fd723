package org.convene.notifications.organisation.messaging;

import java.time.Duration;
import org.convene.contracts.Topics;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class OrganisationsListener {

    private static final Duration PROCESSING_LIMIT = Duration.ofSeconds(30);

    private final OrganisationViews views;

    OrganisationsListener(OrganisationViews views) {
        this.views = views;
    }

    @KafkaListener(
            topics = Topics.ORGANISATIONS,
            id = "notifications-organisations",
            // The group is the service's (spring.kafka.consumer.group-id), shared by its instances.
            idIsGroup = false,
            properties = "spring.json.value.default.type=org.convene.contracts.organisations.OrganisationMessage")
    void on(OrganisationMessage message) {
        // One message at a time, in partition order, finished before the next: a reactive return
        // would let the container run a poll's records concurrently and out of order.
        handle(message).block(PROCESSING_LIMIT);
    }

    Mono<Void> handle(OrganisationMessage message) {
        return views.apply(message);
    }
}
