package org.convene.notifications.event.messaging;

import java.time.Clock;
import java.util.List;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.persistence.EventViews;
import org.convene.notifications.registrant.persistence.Registrants;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps the event view, and tells everyone registered or waiting when an event gets a new time:
 * one email per person per announcement, however often the announcement is delivered. (When an
 * event is cancelled, registrations-service cancels each registration and each person gets that
 * cancellation email, which then gives the event's reason.)
 */
@Component
class EventsListener {

    private final EventViews views;
    private final Registrants registrants;
    private final Deliveries deliveries;
    private final Clock clock;

    EventsListener(EventViews views, Registrants registrants, Deliveries deliveries, Clock clock) {
        this.views = views;
        this.registrants = registrants;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @KafkaListener(
            topics = Topics.EVENTS,
            id = "notifications-events",
            properties = "spring.json.value.default.type=org.convene.contracts.events.EventMessage")
    Mono<Void> on(EventMessage message) {
        var view = views.apply(message);
        if (message.type() != EventMessageType.EventRescheduled) {
            return view;
        }
        var now = clock.instant();
        return view.thenMany(registrants.concernedBy(message.eventId()))
                .concatMap(person -> deliveries.enqueue(new Delivery(
                        message.messageId() + ":" + person.email().toLowerCase(java.util.Locale.ROOT),
                        "rescheduled",
                        person.email(),
                        person.name(),
                        message.eventId(),
                        person.registrationId(),
                        0,
                        List.of(),
                        null,
                        null,
                        List.of(),
                        Delivery.PENDING,
                        0,
                        now,
                        null,
                        null,
                        now,
                        null)))
                .then();
    }
}
