package org.convene.events.event.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.Events;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.event.domain.Visibility;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/** The store, not the service's pre-check, is what stops a stale write. */
@IntegrationTest
class MongoEventsTests {

    @Autowired
    Events events;

    @Test
    void aSecondWriterHoldingTheSameVersionLosesAndNothingOfItsChangeIsStored() {
        var now = Instant.now();
        var start = now.plus(Duration.ofDays(5));
        var details = new EventDetails(
                "Original",
                null,
                null,
                EventFormat.TRAINING,
                Audience.PROFESSIONALS,
                Set.of(),
                new Location.Venue("Hall", "1 Road", null, Set.of(), null, null),
                null);
        var draft = Event.draft(
                EventId.newId(),
                new OrganisationId("org-store"),
                details,
                new Schedule(start, start.plus(Duration.ofHours(1)), ZoneId.of("UTC")),
                RegistrationWindow.UNSET,
                10,
                2,
                12,
                Visibility.PUBLIC,
                now);
        events.insert(draft).block();

        var first = events.findById(draft.id()).block();
        var second = events.findById(draft.id()).block();
        first.changeCapacity(20, now);
        second.changeCapacity(30, now);

        StepVerifier.create(events.update(first)).expectNextCount(1).verifyComplete();
        StepVerifier.create(events.update(second))
                .expectError(VersionConflict.class)
                .verify();
        assertThat(events.findById(draft.id()).block().capacity()).isEqualTo(20);
    }
}
