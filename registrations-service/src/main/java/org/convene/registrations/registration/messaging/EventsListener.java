package org.convene.registrations.registration.messaging;

import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.domain.RegistrationService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Keeps each event's seat ledger in step with events-service. Idempotent: a message older than or
 * equal to what the ledger holds (redelivered, or overtaken) changes nothing.
 */
@Component
class EventsListener {

    private final RegistrationService registrations;

    EventsListener(RegistrationService registrations) {
        this.registrations = registrations;
    }

    /** The group comes from spring.kafka.consumer.group-id: one group per service, shared by its instances. */
    @KafkaListener(topics = Topics.EVENTS)
    Mono<Void> on(EventMessage message) {
        return registrations.eventChanged(EventAnnouncements.of(message));
    }
}
