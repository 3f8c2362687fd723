package org.convene.notifications.delivery.persistence;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One email to one person for one reason. Its id is the message that caused it plus the recipient,
 * so a redelivered message finds the delivery already there and nothing is sent twice (invariant 3).
 */
@Document("deliveries")
public record Delivery(
        @Id String id,
        String kind,
        String recipient,
        String recipientName,
        String eventId,
        String registrationId,
        int seats,
        List<String> companions,
        Integer waitlistPosition,
        String manageLink,
        List<String> supportRequested,
        String status,
        int attempts,
        Instant nextAttemptAt,
        Instant leaseUntil,
        String lastError,
        Instant createdAt,
        Instant sentAt) {

    public static final String PENDING = "PENDING";
    public static final String SENT = "SENT";
    public static final String FAILED = "FAILED";
}
