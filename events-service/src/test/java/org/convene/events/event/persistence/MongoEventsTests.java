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

    @Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    private static Event published(String organisation, Visibility visibility, Instant now) {
        var start = now.plus(Duration.ofDays(5));
        var event = Event.draft(
                EventId.newId(),
                new OrganisationId(organisation),
                new EventDetails(
                        "Listed or not",
                        null,
                        null,
                        EventFormat.WORKSHOP,
                        Audience.EVERYONE,
                        Set.of(),
                        new Location.Venue("Hall", "1 Road", null, Set.of(), null, null),
                        null),
                new Schedule(start, start.plus(Duration.ofHours(1)), ZoneId.of("UTC")),
                RegistrationWindow.UNSET,
                10,
                2,
                12,
                visibility,
                now);
        event.publish(now);
        return event;
    }

    @Test
    void thePublicListingLeavesOutUnlistedAndInviteOnlyEventsAndKeepsThoseStoredBeforeVisibility() {
        var now = Instant.now();
        var organisation = "org-listing-" + java.util.UUID.randomUUID();
        var open =
                events.insert(published(organisation, Visibility.PUBLIC, now)).block();
        var older =
                events.insert(published(organisation, Visibility.PUBLIC, now)).block();
        mongo.updateFirst(
                        org.springframework.data.mongodb.core.query.Query.query(
                                org.springframework.data.mongodb.core.query.Criteria.where("_id")
                                        .is(older.id().value())),
                        new org.springframework.data.mongodb.core.query.Update()
                                .unset("visibility")
                                .unset("invitations"),
                        EventDocument.class)
                .block();
        events.insert(published(organisation, Visibility.UNLISTED, now)).block();
        events.insert(published(organisation, Visibility.INVITE_ONLY, now)).block();

        var listed = events.findPublished(new org.convene.events.event.domain.PublicEventQuery(
                        now, null, null, null, null, new OrganisationId(organisation), null, null, 10))
                .map(Event::id)
                .collectList()
                .block();
        assertThat(listed).containsExactlyInAnyOrder(open.id(), older.id());
        assertThat(events.findById(older.id()).block().invitations()).isEmpty();
    }

    @Test
    void invitationsAreStoredWithTheirCodesAndRevocations() {
        var now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        var event = events.insert(published("org-store", Visibility.INVITE_ONLY, now))
                .block();
        var loaded = events.findById(event.id()).block();
        var kept = loaded.invite("Rutland County Council", 4, now.plus(Duration.ofDays(1)), now);
        var revoked = loaded.invite("Kirklees Youth Service", 2, null, now);
        loaded.revokeInvitation(revoked.id(), now);
        events.update(loaded).block();

        var stored = events.findById(event.id()).block();
        assertThat(stored.invitations()).hasSize(2);
        assertThat(stored.invitations().getFirst()).isEqualTo(kept);
        assertThat(stored.invitations().getLast())
                .isEqualTo(new org.convene.events.event.domain.Invitation(
                        revoked.id(), revoked.partner(), revoked.code(), 2, null, now, now));
        assertThat(stored.heldSeats()).isEqualTo(4);
        assertThat(stored.admits(kept.code())).isTrue();
        assertThat(stored.admits(revoked.code())).isFalse();
    }

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
