package org.convene.notifications.newsletter.persistence;

import java.time.Instant;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One newsletter to one subscriber. The id is the pair, so planning again after a crash, or on
 * another instance, adds nobody twice; a sender holds it by a lease while it sends. Every change
 * moves {@code version} on, so a claim can require the delivery to be exactly as it was found
 * (null in deliveries planned before versions were kept).
 */
@Document("newsletter_deliveries")
public record NewsletterDelivery(
        @Id String id,
        String newsletterId,
        String subscriberId,
        NewsletterDeliveryStatus status,
        int attempts,
        Instant nextAttemptAt,
        @Nullable String leaseOwner,
        @Nullable Instant leaseUntil,
        @Nullable String lastError,
        @Nullable Instant sentAt,
        @Nullable Long version) {

    public static NewsletterDelivery pending(String newsletterId, String subscriberId, Instant now) {
        return new NewsletterDelivery(
                newsletterId + ":" + subscriberId,
                newsletterId,
                subscriberId,
                NewsletterDeliveryStatus.PENDING,
                0,
                now,
                null,
                null,
                null,
                null,
                0L);
    }

    /** This delivery as a claim at {@code version} left it. */
    NewsletterDelivery claimed(String owner, Instant until, long version) {
        return new NewsletterDelivery(
                id,
                newsletterId,
                subscriberId,
                status,
                attempts,
                nextAttemptAt,
                owner,
                until,
                lastError,
                sentAt,
                version);
    }
}
