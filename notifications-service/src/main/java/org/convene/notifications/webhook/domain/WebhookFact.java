package org.convene.notifications.webhook.domain;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened in an organisation, as a webhook tells it: {@code data} is what every
 * endpoint that chose the type receives (ids, times, the organisation's own event data); {@code
 * personal} is added under {@code data.person} only for endpoints that opted in to personal details.
 * {@code id} is the fact's own id (the Kafka message's), {@code aggregateId} and {@code sequence} order
 * the facts about one thing.
 */
public record WebhookFact(
        String id,
        String type,
        Instant occurredAt,
        String organisationId,
        String aggregateId,
        long sequence,
        Map<String, Object> data,
        Map<String, Object> personal) {}
