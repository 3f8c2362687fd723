package org.convene.notifications.event.messaging;

import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.notifications.event.persistence.EventViews;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

@Component
class EventsListener {

    private final EventViews views;

    EventsListener(EventViews views) {
        this.views = views;
    }

    @KafkaListener(
            topics = Topics.EVENTS,
            id = "notifications-events",
            properties = "spring.json.value.default.type=org.convene.contracts.events.EventMessage")
    Mono<Void> on(EventMessage message) {
        return views.apply(message);
    }
}
