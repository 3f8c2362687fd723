package org.convene.notifications.webhook.domain;

import java.time.Instant;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;

/**
 * Where an organisation wants to be told what happens: an https URL, the fact types it chose, whether it
 * may receive people's personal details, and its signing secret ({@code whsec_…}, shown once). After a
 * rotation the previous secret still signs, beside the new one, until {@code previousSecretUntil}, so a
 * receiver can switch without losing a delivery. {@code disabledReason} says why it stopped
 * ({@code gone}: it answered 410; {@code organiser}: an organiser turned it off).
 */
public record WebhookEndpoint(
        @Id String id,
        String organisationId,
        String url,
        @Nullable String description,
        Set<String> eventTypes,
        boolean personalDetails,
        boolean enabled,
        @Nullable String disabledReason,
        String secret,
        @Nullable String previousSecret,
        @Nullable Instant previousSecretUntil,
        Instant createdAt,
        Instant updatedAt) {

    public static final String DISABLED_GONE = "gone";
    public static final String DISABLED_BY_ORGANISER = "organiser";

    public boolean wants(String type) {
        return enabled && eventTypes.contains(type);
    }

    /** The secrets that sign a delivery now: the current one, and the previous one while it is still honoured. */
    public java.util.List<String> signingSecrets(Instant now) {
        return previousSecret != null && previousSecretUntil != null && previousSecretUntil.isAfter(now)
                ? java.util.List.of(secret, previousSecret)
                : java.util.List.of(secret);
    }
}
