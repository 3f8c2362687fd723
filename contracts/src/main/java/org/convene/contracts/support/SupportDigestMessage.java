package org.convene.contracts.support;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What registrations-service publishes on {@code convene.support.v1}, keyed by {@code organisationId}:
 * the organisation's daily digest of support still to arrange (issue 19), at most one per organisation
 * and day. Each event whose deadline to arrange support has come, or comes within the look-ahead, and
 * that still has something outstanding, with each outstanding need as a kind's code and how many people
 * need it. Never a name, never anyone's own words: what someone wrote themselves counts as {@code OTHER}.
 *
 * <p>A digest is written once and never changes, so {@code aggregateVersion} is always 1.
 *
 * <p>Schema and a sample: {@code docs/messages/convene.support.v1/}.
 *
 * @param date the day of the digest (ISO 8601, {@code yyyy-MM-dd}) in the zone registrations-service
 *     counts days in (UTC unless configured)
 */
public record SupportDigestMessage(
        UUID messageId,
        SupportDigestMessageType type,
        Instant occurredAt,
        String organisationId,
        long aggregateVersion,
        String date,
        List<Event> events) {

    public SupportDigestMessage {
        events = events == null ? List.of() : List.copyOf(events);
    }

    /**
     * One event with support still to arrange.
     *
     * @param title the event's title; null when registrations-service never heard it (older ledgers)
     * @param arrangeBy the event's deadline: its start less the organiser's days before (7 by default)
     */
    public record Event(
            String eventId,
            @Nullable String title,
            Instant startsAt,
            String timeZone,
            Instant arrangeBy,
            List<Outstanding> outstanding) {

        public Event {
            outstanding = outstanding == null ? List.of() : List.copyOf(outstanding);
        }
    }

    /**
     * A need not arranged yet.
     *
     * @param need the kind's code ({@code INTERPRETER_BSL}, {@code STEP_FREE_ACCESS}, {@code DIETARY},
     *     {@code OTHER}, …)
     * @param people how many people (registrants and young people of groups) need it
     */
    public record Outstanding(String need, int people) {}
}
