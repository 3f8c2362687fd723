package org.convene.notifications.delivery.messaging;

import java.time.Clock;
import java.util.Locale;
import org.convene.contracts.Topics;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.support.messaging.InOrder;
import org.convene.support.outbox.OutboxTrace;
import org.jspecify.annotations.Nullable;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Booking requests (ADR 14) into emails, once per message: an acknowledgement to the requester and an
 * alert to the organisation's contact address for a new request, the organiser's reply to the requester.
 * Each delivery is named by the message and the recipient's role, so a message delivered again adds
 * nothing (ADR 9).
 */
@Component
class BookingRequestsListener {

    private final Deliveries deliveries;
    private final Clock clock;

    BookingRequestsListener(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @KafkaListener(
            topics = Topics.REQUESTS,
            id = "notifications-requests",
            // The group is the service's (spring.kafka.consumer.group-id), shared by its instances.
            idIsGroup = false,
            properties = "spring.json.value.default.type=org.convene.contracts.requests.BookingRequestMessage")
    void on(BookingRequestMessage message) {
        InOrder.handle(handle(message));
    }

    private Mono<Void> handle(BookingRequestMessage message) {
        var traceparent = OutboxTrace.current();
        return switch (message.type()) {
            case BookingRequestReceived ->
                Mono.when(toRequester(message, "request-received", traceparent), toOrganisation(message, traceparent));
            case BookingRequestReplied -> toRequester(message, "request-reply", traceparent);
            case BookingRequestStatusChanged -> Mono.empty();
            case BookingRequestErased -> deliveries.forgetRequester(message.requestId());
        };
    }

    private Mono<Void> toRequester(BookingRequestMessage message, String kind, @Nullable String traceparent) {
        if (message.contactEmail() == null) {
            return Mono.empty();
        }
        return deliveries.enqueue(Delivery.aboutRequest(
                message.messageId() + ":requester",
                kind,
                message.contactEmail(),
                message.contactName(),
                message.organisationId(),
                request(message),
                clock.instant(),
                traceparent));
    }

    /** To the organisation's contact address, looked up when it is sent: what and from whom, nobody's details. */
    private Mono<Void> toOrganisation(BookingRequestMessage message, @Nullable String traceparent) {
        return deliveries.enqueue(Delivery.aboutRequest(
                message.messageId() + ":organisation",
                "request-new",
                null,
                null,
                message.organisationId(),
                new Delivery.Request(
                        message.requestId(),
                        kind(message),
                        message.offeringName(),
                        message.requesterOrganisation(),
                        null),
                clock.instant(),
                traceparent));
    }

    private static Delivery.Request request(BookingRequestMessage message) {
        return new Delivery.Request(
                message.requestId(),
                kind(message),
                message.offeringName(),
                message.requesterOrganisation(),
                message.replyText());
    }

    private static @Nullable String kind(BookingRequestMessage message) {
        return message.kind() == null ? null : message.kind().name().toLowerCase(Locale.ROOT);
    }
}
