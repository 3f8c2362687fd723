package org.convene.notifications.delivery.messaging;

import java.time.Clock;
import org.convene.contracts.Topics;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.support.messaging.InOrder;
import org.convene.support.outbox.OutboxTrace;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * An organisation's daily digest of support still to arrange (issue 19) into one email to its contact
 * address, looked up when it is sent. The delivery is named by the message and the role, so a message
 * delivered again adds nothing (ADR 9); registrations-service sends at most one digest per organisation
 * and day. Codes and counts only: nobody's name, nobody's words.
 */
@Component
class SupportDigestsListener {

    private final Deliveries deliveries;
    private final Clock clock;

    SupportDigestsListener(Deliveries deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @KafkaListener(
            topics = Topics.SUPPORT,
            id = "notifications-support",
            // The group is the service's (spring.kafka.consumer.group-id), shared by its instances.
            idIsGroup = false,
            properties = "spring.json.value.default.type=org.convene.contracts.support.SupportDigestMessage")
    void on(SupportDigestMessage message) {
        InOrder.handle(handle(message));
    }

    private Mono<Void> handle(SupportDigestMessage message) {
        var traceparent = OutboxTrace.current();
        return switch (message.type()) {
            case SupportOutstanding ->
                message.events().isEmpty()
                        ? Mono.empty()
                        : deliveries.enqueue(Delivery.supportDigest(
                                message.messageId() + ":organisation",
                                message.organisationId(),
                                digest(message),
                                clock.instant(),
                                traceparent));
        };
    }

    private static Delivery.Digest digest(SupportDigestMessage message) {
        return new Delivery.Digest(
                message.date(),
                message.events().stream()
                        .map(event -> new Delivery.DigestEvent(
                                event.eventId(),
                                event.title(),
                                event.startsAt(),
                                event.timeZone(),
                                event.arrangeBy(),
                                event.outstanding().stream()
                                        .map(need -> new Delivery.Outstanding(need.need(), need.people()))
                                        .toList()))
                        .toList());
    }
}
