package org.convene.notifications.delivery.messaging;

import java.time.Clock;
import org.convene.contracts.Topics;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Turns what happened to a registration into the email the person should get, once per message. */
@Component
class RegistrationsListener {

    private final Deliveries deliveries;
    private final Clock clock;
    private final String publicBaseUrl;

    RegistrationsListener(
            Deliveries deliveries, Clock clock, @Value("${convene.public-base-url}") String publicBaseUrl) {
        this.deliveries = deliveries;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl;
    }

    @KafkaListener(
            topics = Topics.REGISTRATIONS,
            id = "notifications-registrations",
            properties = "spring.json.value.default.type=org.convene.contracts.registrations.RegistrationMessage")
    Mono<Void> on(RegistrationMessage message) {
        var kind = switch (message.type()) {
            case RegistrationConfirmed -> "confirmation";
            case RegistrationWaitlisted -> "waitlisted";
            case RegistrationPromoted -> "promoted";
            case RegistrationCancelled -> "cancelled";
            default -> null;
        };
        if (kind == null
                || message.attendeeEmail() == null
                || message.attendeeEmail().endsWith("@invalid")) {
            return Mono.empty();
        }
        var now = clock.instant();
        return deliveries.enqueue(new Delivery(
                message.messageId() + ":" + message.attendeeEmail().toLowerCase(java.util.Locale.ROOT),
                kind,
                message.attendeeEmail(),
                message.attendeeName(),
                message.eventId(),
                message.registrationId(),
                message.seats(),
                message.companions(),
                message.waitlistPosition(),
                message.manageToken() == null
                        ? null
                        : publicBaseUrl + "/api/registrations/manage/" + message.manageToken(),
                message.supportRequested(),
                Delivery.PENDING,
                0,
                now,
                null,
                null,
                now,
                null));
    }
}
