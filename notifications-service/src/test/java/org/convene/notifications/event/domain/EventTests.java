package org.convene.notifications.event.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTests {

    private static Event with(EventStatus status) {
        var at = Instant.parse("2026-05-01T10:00:00Z");
        return new Event(
                new EventId("e-1"),
                2,
                null,
                status,
                "Talk",
                at,
                at.plusSeconds(3600),
                "Europe/London",
                null,
                null,
                null,
                null,
                true,
                null,
                null);
    }

    @Test
    void onlyACancelledEventSaysItIsCancelled() {
        assertThat(with(EventStatus.CANCELLED).cancelled()).isTrue();
        assertThat(with(EventStatus.PUBLISHED).cancelled()).isFalse();
        assertThat(with(EventStatus.COMPLETED).cancelled()).isFalse();
    }

    @Test
    void anEventKeptWithoutAccessibilityFactsHasNone() {
        assertThat(with(EventStatus.PUBLISHED).accessibility()).isEmpty();
    }

    @Test
    void theStoredStatusesAreEventsServiceWords() {
        assertThat(EventStatus.values()).extracting(Enum::name).containsExactly("PUBLISHED", "CANCELLED", "COMPLETED");
    }
}
