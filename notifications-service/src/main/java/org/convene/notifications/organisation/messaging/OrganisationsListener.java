package org.convene.notifications.organisation.messaging;

import org.convene.contracts.Topics;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.convene.support.messaging.InOrder;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class OrganisationsListener {

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
        InOrder.handle(handle(message));
    }

    private Mono<Void> handle(OrganisationMessage message) {
        return views.apply(message);
    }
}
