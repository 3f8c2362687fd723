package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.convene.contracts.events.EventMessage;
import org.convene.registrations.registration.RegistrationFixtures;
import org.convene.registrations.registration.domain.AgeBand;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.CompanionKind;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.ManageTokens;
import org.convene.registrations.registration.domain.Reconciliation;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A crash can stop a registration between its steps. Each test leaves the store exactly as such a
 * crash would, then shows reconciliation finishing the job from the ledger, with seats never
 * counted twice.
 */
@IntegrationTest
class ReconciliationTests {

    @Autowired
    Registrations registrations;

    @Autowired
    SeatLedgers ledgers;

    @Autowired
    RegistrationService service;

    @Autowired
    WebTestClient client;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    private Reconciliation reconciliation() {
        return new Reconciliation(registrations, ledgers, service, Clock.systemUTC(), Duration.ZERO);
    }

    private Registration pending(EventId event, String name, int companions) {
        var id = RegistrationId.newId();
        var registration = new Registration(
                id,
                event,
                new Attendee(name, name + "@example.org", null, AttendeeRole.CARER, AgeBand.OVER_25, null),
                java.util.Collections.nCopies(companions, CompanionKind.CARER),
                SupportNeeds.NONE,
                new Consents(false, false),
                null,
                null,
                RegistrationStatus.PENDING,
                // A second old: stale to this test's reconciliation (stale after zero) but not to the service's
                // own, which runs every 15 s for what is 30 s old and would otherwise settle these mid-test.
                Instant.now().minusSeconds(1).truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                ManageTokens.hash(id.value()),
                0,
                Instant.now().minusSeconds(1));
        return registrations.insert(registration, "key-" + id).block();
    }

    @Test
    void aRegistrationThatTookSeatsButCrashedBeforeRecordingItIsConfirmed() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 5));
        var crashed = pending(event, "seated", 1);
        assertThat(ledgers.take(event, crashed.id(), crashed.seats(), true).block())
                .isTrue();

        reconciliation().run().block();

        assertThat(registrations.findById(crashed.id()).block().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(ledgers.find(event).block().seatsTaken())
                .as("seats taken once, not again")
                .isEqualTo(2);
    }

    @Test
    void aRegistrationThatCrashedBeforeTakingSeatsIsDecidedThen() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 1));
        var first = pending(event, "first", 0);
        var second = pending(event, "second", 0);

        reconciliation().run().block();

        var statuses = List.of(
                registrations.findById(first.id()).block().status(),
                registrations.findById(second.id()).block().status());
        assertThat(statuses).containsExactlyInAnyOrder(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED);
        assertThat(ledgers.find(event).block().seatsTaken()).isEqualTo(1);
    }

    @Test
    void aCancellationThatCrashedBeforeGivingSeatsBackGivesThemBackAndServesTheQueue() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 2));
        var holder = pending(event, "holder", 1);
        assertThat(ledgers.take(event, holder.id(), 2, true).block()).isTrue();
        var confirmed = holder.withStatus(RegistrationStatus.CONFIRMED);
        registrations
                .transition(holder, RegistrationStatus.CONFIRMED, java.util.List.of())
                .block();
        // Cancelled, then the crash: the ledger still counts its two seats.
        registrations
                .transition(confirmed, RegistrationStatus.CANCELLED, java.util.List.of())
                .block();
        assertThat(ledgers.find(event).block().seatsTaken()).isEqualTo(2);

        reconciliation().run().block();
        reconciliation().run().block();

        assertThat(ledgers.find(event).block().seatsTaken()).isZero();
        assertThat(ledgers.find(event).block().seatsLeft()).isEqualTo(2);
    }

    @Test
    void aPartyThatCrashedWhileJoiningTheQueueKeepsItsPlaceAndIsServedBeforeThoseBehindIt() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 1));
        var holder = pending(event, "place holder", 0);
        assertThat(ledgers.take(event, holder.id(), 1, true).block()).isTrue();
        registrations
                .transition(holder, RegistrationStatus.CONFIRMED, List.of())
                .block();
        // Joined the queue, then the crash: its registration is still pending.
        var crashed = pending(event, "crashed joining", 0);
        ledgers.joinQueue(event, crashed.id(), 1).block();
        var behind = pending(event, "joined after", 0);
        ledgers.joinQueue(event, behind.id(), 1).block();
        registrations
                .transition(behind, RegistrationStatus.WAITLISTED, List.of())
                .block();
        assertThat(ledgers.positionOf(event, behind.id()).block()).isEqualTo(2);

        // A seat comes free: the one behind does not overtake the one ahead of it.
        service.cancel(holder.id().value()).block();
        assertThat(registrations.findById(behind.id()).block().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(ledgers.find(event).block().seatsTaken()).isZero();

        reconciliation().run().block();

        assertThat(registrations.findById(crashed.id()).block().status()).isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(registrations.findById(behind.id()).block().status()).isEqualTo(RegistrationStatus.WAITLISTED);
        assertThat(ledgers.positionOf(event, behind.id()).block()).isEqualTo(1);
        assertThat(ledgers.find(event).block().seatsTaken()).isEqualTo(1);
        assertThat(ledgers.find(event).block().waiting()).isEqualTo(1);
    }

    @Test
    void aWaitlistedCancellationThatCrashedBeforeGivingItsPlaceBackGivesItBack() throws Exception {
        var event = new EventId(RegistrationFixtures.publishedEvent(kafka, client, 1));
        var holder = pending(event, "seat holder", 0);
        assertThat(ledgers.take(event, holder.id(), 1, true).block()).isTrue();
        var leaving = pending(event, "leaving", 0);
        ledgers.joinQueue(event, leaving.id(), 1).block();
        registrations
                .transition(leaving, RegistrationStatus.WAITLISTED, List.of())
                .block();
        var staying = pending(event, "staying", 0);
        ledgers.joinQueue(event, staying.id(), 1).block();
        // Cancelled, then the crash: the ledger still has it in the queue.
        registrations
                .transition(leaving.withStatus(RegistrationStatus.WAITLISTED), RegistrationStatus.CANCELLED, List.of())
                .block();
        assertThat(ledgers.positionOf(event, staying.id()).block()).isEqualTo(2);

        reconciliation().run().block();

        assertThat(ledgers.positionOf(event, leaving.id()).blockOptional()).isEmpty();
        assertThat(ledgers.positionOf(event, staying.id()).block()).isEqualTo(1);
        assertThat(ledgers.find(event).block().waiting()).isEqualTo(1);
    }
}
