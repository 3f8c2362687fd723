package org.convene.notifications.webhook.domain;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

/**
 * One fact for one endpoint, sent until the endpoint says 2xx, until {@code retryUntil} (3 days by default)
 * or until the endpoint is disabled. Its id is the {@code webhook-id} header, the same on every attempt,
 * so a receiver can drop what it already has; it is derived from the endpoint and the fact, so a fact
 * delivered again by Kafka adds nothing. Deliveries of one {@code aggregateId} for one endpoint go in
 * {@code sequence} order: one waits while an earlier one is pending. {@code lease}/{@code leaseUntil}:
 * who holds it while sending (ADR 17). {@code lastError} is a kind ({@code timeout}, {@code connect},
 * {@code address-refused}, {@code http}), never a message from the other side.
 */
public record WebhookDelivery(
        @Id String id,
        String endpointId,
        String organisationId,
        String factId,
        String type,
        String aggregateId,
        long sequence,
        String body,
        WebhookDeliveryStatus status,
        int attempts,
        @Nullable Integer lastStatusCode,
        @Nullable String lastError,
        @Nullable Instant lastAttemptAt,
        Instant nextAttemptAt,
        Instant retryUntil,
        String lease,
        @Nullable Instant leaseUntil,
        Instant createdAt,
        @Nullable Instant deliveredAt) {

    /** The id for this fact at this endpoint: the same however often the fact arrives. */
    public static String idFor(String endpointId, String factId) {
        return "msg_"
                + java.util
                        .UUID
                        .nameUUIDFromBytes(
                                (endpointId + "|" + factId).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .toString()
                        .replace("-", "");
    }
}
