package org.convene.registrations.support.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.convene.registrations.registration.domain.EventId;
import org.jspecify.annotations.Nullable;

/**
 * One organisation's support digest of a day ({@code yyyy-MM-dd}): the events whose needs should be
 * arranged soon and are not yet, by kind and head count, never names or words. Claimed with the message
 * that publishes it ({@code support/messaging} maps it to the wire's {@code SupportDigestMessage}).
 */
public record SupportDigest(
        UUID messageId, Instant occurredAt, String organisationId, String date, List<DueEvent> events) {

    public SupportDigest {
        events = List.copyOf(events);
    }

    /** An event of the digest, and by when its outstanding needs should be arranged. */
    public record DueEvent(
            EventId eventId,
            @Nullable String title,
            Instant startsAt,
            String timeZone,
            Instant arrangeBy,
            List<Outstanding> outstanding) {

        public DueEvent {
            outstanding = List.copyOf(outstanding);
        }
    }

    /** A kind of need not arranged yet, and how many people need it. */
    public record Outstanding(String need, int people) {}
}
