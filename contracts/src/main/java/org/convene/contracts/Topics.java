package org.convene.contracts;

import java.util.List;

/**
 * The Kafka topics services publish to: one per aggregate that other services follow. Events and
 * registrations are keyed by event id, so that every message about one event stays ordered in one
 * partition; organisations by organisation id (ADR 8); booking requests by request id (ADR 14);
 * the daily support digest by organisation id.
 */
public final class Topics {

    public static final String EVENTS = "convene.events.v1";
    public static final String REGISTRATIONS = "convene.registrations.v1";
    public static final String ORGANISATIONS = "convene.organisations.v1";
    /** Booking requests to an organisation, keyed by request id (ADR 14). */
    public static final String REQUESTS = "convene.requests.v1";
    /** What registrations-service tells an organisation about support still to arrange, keyed by organisation id. */
    public static final String SUPPORT = "convene.support.v1";

    /** Messages that could not be processed after bounded retries land here, per source topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Enough partitions to spread consumers across a few instances without hurting per-event order. */
    public static final int PARTITIONS = 6;

    private Topics() {}

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Every topic the system needs, dead-letter topics included; the local stack creates them all at start. */
    public static List<String> all() {
        return List.of(
                EVENTS,
                deadLetterOf(EVENTS),
                REGISTRATIONS,
                deadLetterOf(REGISTRATIONS),
                ORGANISATIONS,
                deadLetterOf(ORGANISATIONS),
                REQUESTS,
                deadLetterOf(REQUESTS),
                SUPPORT,
                deadLetterOf(SUPPORT));
    }
}
