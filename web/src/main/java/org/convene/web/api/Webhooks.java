package org.convene.web.api;

import java.time.Instant;
import java.util.List;

/** notifications-service's webhook endpoints and deliveries, as the pages read them (ADR 17). */
public final class Webhooks {

    private Webhooks() {}

    public record Endpoint(
            String id,
            String url,
            String description,
            List<String> eventTypes,
            boolean personalDetails,
            boolean enabled,
            String disabledReason,
            Instant createdAt,
            Instant updatedAt,
            Instant previousSecretUntil) {}

    /** Made or rotated: the only answers that carry the secret. */
    public record WithSecret(Endpoint endpoint, String secret) {}

    public record Delivery(
            String id,
            String type,
            String status,
            int attempts,
            Integer lastStatusCode,
            String lastError,
            Instant createdAt,
            Instant lastAttemptAt,
            Instant nextAttemptAt,
            Instant deliveredAt) {}
}
