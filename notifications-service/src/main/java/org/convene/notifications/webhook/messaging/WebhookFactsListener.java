package org.convene.notifications.webhook.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.webhook.domain.WebhookEventTypes;
import org.convene.notifications.webhook.domain.WebhookFact;
import org.convene.notifications.webhook.domain.WebhookService;
import org.convene.support.messaging.InOrder;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns the facts on the events, registrations and booking-request topics into webhook deliveries
 * (ADR 17). A consumer group of its own ({@code notifications-service-webhooks}), so it reads every partition
 * beside the email listeners and neither holds the other up; values are read as text and parsed here,
 * tolerant of fields it does not know, and a message it cannot read is skipped (the email listeners
 * already set it aside on the dead-letter topic). A registration names its event, not its organisation:
 * the organisation comes from the event view the events listener keeps (waited for up to 3 s, as the two
 * topics are read separately), looked up only when some endpoint wants the fact's type.
 */
public class WebhookFactsListener {

    /** The service's group with {@code -webhooks}: shared by its instances, apart from the email listeners. */
    static final String GROUP = "${spring.kafka.consumer.group-id}-webhooks";

    private static final Logger log = LoggerFactory.getLogger(WebhookFactsListener.class);
    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final WebhookService webhooks;
    private final Events events;

    public WebhookFactsListener(WebhookService webhooks, Events events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    @KafkaListener(
            topics = Topics.EVENTS,
            id = "webhooks-events",
            groupId = GROUP,
            containerFactory = "webhookFactsContainerFactory")
    void onEvent(String value) {
        var message = read(value, EventMessage.class);
        if (message == null || message.type() == null) {
            return;
        }
        var type = switch (message.type()) {
            case EventPublished -> WebhookEventTypes.EVENT_PUBLISHED;
            case EventRescheduled -> WebhookEventTypes.EVENT_RESCHEDULED;
            case EventCancelled -> WebhookEventTypes.EVENT_CANCELLED;
            default -> null;
        };
        if (type == null) {
            return;
        }
        var venue = message.venue();
        var data = map(
                "eventId", message.eventId(),
                "title", message.title(),
                "status", message.status() == null ? null : message.status().name(),
                "visibility",
                        message.visibility() == null
                                ? "PUBLIC"
                                : message.visibility().name(),
                "startsAt", text(message.startsAt()),
                "endsAt", text(message.endsAt()),
                "timeZone", message.timeZone(),
                "capacity", message.capacity(),
                "online", message.online(),
                "venue",
                        venue == null
                                ? null
                                : map("name", venue.name(), "address", venue.address(), "postcode", venue.postcode()),
                "cancellationReason", message.cancellationReason());
        InOrder.handle(webhooks.fanOut(new WebhookFact(
                message.messageId().toString(),
                type,
                message.occurredAt(),
                message.organisationId(),
                "event:" + message.eventId(),
                message.aggregateVersion(),
                data,
                Map.of())));
    }

    @KafkaListener(
            topics = Topics.REGISTRATIONS,
            id = "webhooks-registrations",
            groupId = GROUP,
            containerFactory = "webhookFactsContainerFactory")
    void onRegistration(String value) {
        var message = read(value, RegistrationMessage.class);
        if (message == null || message.type() == null) {
            return;
        }
        var type = switch (message.type()) {
            case RegistrationConfirmed -> WebhookEventTypes.REGISTRATION_CONFIRMED;
            case RegistrationWaitlisted -> WebhookEventTypes.REGISTRATION_WAITLISTED;
            case RegistrationPromoted -> WebhookEventTypes.REGISTRATION_PROMOTED;
            case RegistrationCancelled -> WebhookEventTypes.REGISTRATION_CANCELLED;
            case AttendeeCheckedIn -> WebhookEventTypes.ATTENDEE_CHECKED_IN;
            default -> null;
        };
        if (type == null) {
            return;
        }
        var members = message.groupMembers() == null
                ? java.util.List.<RegistrationMessage.GroupMember>of()
                : message.groupMembers();
        var data = map(
                "registrationId", message.registrationId(),
                "eventId", message.eventId(),
                "status", message.status() == null ? null : message.status().name(),
                "seats", message.seats(),
                "companions", message.companions() == null ? java.util.List.of() : message.companions(),
                "youngPeopleInGroup", members.size(),
                "waitlistPosition", message.waitlistPosition());
        // Personal details, for endpoints that opted in only: who, how to reach them, what support they asked for.
        var personal = map(
                "name", message.attendeeName(),
                "email", message.attendeeEmail(),
                "supportRequested", message.supportRequested(),
                "groupMembers",
                        members.stream()
                                .map(RegistrationMessage.GroupMember::name)
                                .toList());
        InOrder.handle(webhooks.anyEndpointWants(type)
                .filter(wanted -> wanted)
                .flatMap(wanted -> organisationOf(message.eventId()))
                .flatMap(organisation -> webhooks.fanOut(new WebhookFact(
                        message.messageId().toString(),
                        type,
                        message.occurredAt(),
                        organisation,
                        "registration:" + message.registrationId(),
                        message.aggregateVersion(),
                        data,
                        personal))));
    }

    @KafkaListener(
            topics = Topics.REQUESTS,
            id = "webhooks-requests",
            groupId = GROUP,
            containerFactory = "webhookFactsContainerFactory")
    void onRequest(String value) {
        var message = read(value, BookingRequestMessage.class);
        if (message == null
                || message.type() != org.convene.contracts.requests.BookingRequestMessageType.BookingRequestReceived) {
            return;
        }
        var data = map(
                "requestId", message.requestId(),
                "kind", message.kind() == null ? null : message.kind().name().toLowerCase(Locale.ROOT),
                "offeringName", message.offeringName(),
                "requesterOrganisation", message.requesterOrganisation(),
                "status", message.status() == null ? null : message.status().name());
        var personal = map("contactName", message.contactName(), "contactEmail", message.contactEmail());
        InOrder.handle(webhooks.fanOut(new WebhookFact(
                message.messageId().toString(),
                WebhookEventTypes.BOOKING_REQUEST_RECEIVED,
                message.occurredAt(),
                message.organisationId(),
                "request:" + message.requestId(),
                message.aggregateVersion(),
                data,
                personal)));
    }

    private Mono<String> organisationOf(String eventId) {
        return events.find(new EventId(eventId))
                .map(event -> event.organisationId().value())
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("event not known yet")))
                // The event reaches this service before any registration for it can be made (registrations-service
                // learns of it from the same topic), so a short wait covers the two topics being read apart.
                .retryWhen(Retry.fixedDelay(12, Duration.ofMillis(250)))
                .onErrorResume(e -> {
                    // Failing the record would only repeat this wait; a registration for an event never seen
                    // has no organisation to tell.
                    log.warn("No event {} known for a registration's webhooks; skipped", eventId);
                    return Mono.empty();
                });
    }

    private static <T> @Nullable T read(String value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (RuntimeException unreadable) {
            log.debug(
                    "Skipping a message webhooks cannot read: {}",
                    unreadable.getClass().getSimpleName());
            return null;
        }
    }

    private static @Nullable String text(java.time.@Nullable Instant instant) {
        return instant == null ? null : instant.toString();
    }

    static Map<String, Object> map(@Nullable Object... pairs) {
        var map = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                map.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return map;
    }
}
