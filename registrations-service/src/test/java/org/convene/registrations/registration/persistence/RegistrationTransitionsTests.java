package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.bson.Document;
import org.convene.registrations.registration.domain.AgeBand;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.ManageTokens;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationChange;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The store writes only the changes {@link RegistrationStatus} allows: a change it does not allow is refused like a
 * compare-and-set that lost, and the registration stays as it was, its outbox included. Against the real store,
 * since the refusal is in {@link MongoRegistrations}; the rule itself is {@code RegistrationStatusTests}'.
 */
@IntegrationTest
class RegistrationTransitionsTests {

    @Autowired
    Registrations registrations;

    @Autowired
    ReactiveMongoTemplate mongo;

    /** A registration as it is stored when a request has just recorded it, not yet decided. */
    private Registration pending() {
        var id = RegistrationId.newId();
        var now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var registration = new Registration(
                id,
                new EventId(UUID.randomUUID().toString()),
                new Attendee("Transition Test", id + "@example.org", null, AttendeeRole.OTHER, AgeBand.OVER_25, null),
                List.of(),
                SupportNeeds.NONE,
                new Consents(false, false),
                null,
                null,
                RegistrationStatus.PENDING,
                now,
                ManageTokens.hash(id.value()),
                0,
                now);
        return registrations.insert(registration, "key-" + id).block();
    }

    /** Moves the registration as the service does, and answers it as stored afterwards. */
    private Registration moved(Registration current, RegistrationStatus to) {
        assertThat(registrations.transition(current, to, List.of()).block()).isTrue();
        return registrations.findById(current.id()).block();
    }

    private Document stored(Registration registration) {
        return mongo.findOne(
                        query(where("_id").is(registration.id().value())),
                        Document.class,
                        MongoRegistrations.COLLECTION)
                .block();
    }

    private static RegistrationChange promotion(Registration registration) {
        return new RegistrationChange(
                UUID.randomUUID(),
                RegistrationChange.Type.PROMOTED,
                Instant.now(),
                registration.eventId(),
                registration.id(),
                registration.version() + 1,
                RegistrationChange.Standing.CONFIRMED,
                registration.attendee().name(),
                registration.attendee().email(),
                1,
                List.of(),
                null,
                null,
                List.of(),
                List.of(),
                List.of(),
                registration.attendee().language(),
                false,
                null);
    }

    @Test
    void aCancelledRegistrationIsNeverConfirmedAgainAndStaysAsItWas() {
        var cancelled = moved(moved(pending(), RegistrationStatus.CONFIRMED), RegistrationStatus.CANCELLED);
        assertThat(cancelled.status()).isEqualTo(RegistrationStatus.CANCELLED);
        var before = stored(cancelled);

        var refused = registrations
                .transition(cancelled, RegistrationStatus.CONFIRMED, List.of(promotion(cancelled)))
                .block();

        assertThat(refused).as("refused like a lost compare-and-set").isFalse();
        var after = registrations.findById(cancelled.id()).block();
        assertThat(after.status()).isEqualTo(RegistrationStatus.CANCELLED);
        assertThat(after.version()).isEqualTo(cancelled.version());
        assertThat(stored(cancelled))
                .as("nothing written: status, version, outbox and the freed person's key as they were")
                .isEqualTo(before);
    }

    @Test
    void aConfirmedRegistrationIsNeverSentBackToTheQueue() {
        var confirmed = moved(pending(), RegistrationStatus.CONFIRMED);

        assertThat(registrations
                        .transition(confirmed, RegistrationStatus.WAITLISTED, List.of())
                        .block())
                .isFalse();
        assertThat(registrations.findById(confirmed.id()).block())
                .extracting(Registration::status, Registration::version)
                .containsExactly(RegistrationStatus.CONFIRMED, confirmed.version());
    }

    @Test
    void aChangeTheRuleAllowsIsWrittenWithItsVersionMovedOn() {
        var waiting = moved(pending(), RegistrationStatus.WAITLISTED);

        var promoted = moved(waiting, RegistrationStatus.CONFIRMED);

        assertThat(promoted.status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(promoted.version()).isEqualTo(waiting.version() + 1);
    }
}
