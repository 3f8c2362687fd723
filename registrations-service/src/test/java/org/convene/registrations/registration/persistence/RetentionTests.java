package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.registrations.registration.domain.AgeBand;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.ManageTokens;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

@IntegrationTest
class RetentionTests {

    @Autowired
    RetentionSchedule retention;

    @Autowired
    Registrations registrations;

    @Autowired
    SeatLedgers ledgers;

    @Autowired
    KafkaTemplate<String, EventMessage> kafka;

    @Test
    void erasesPersonalDataOfEventsThatEndedLongerAgoThanTheRetentionPeriodAndKeepsCounts() throws Exception {
        var ended = event(Instant.now().minus(Duration.ofDays(100)));
        var recent = event(Instant.now().minus(Duration.ofDays(10)));
        var old = registrationFor(ended, "Old Attendee");
        var kept = registrationFor(recent, "Recent Attendee");

        retention.run().block();

        var erased = registrations.findById(old.id()).block();
        assertThat(erased.attendee().name()).isEqualTo("(erased)");
        assertThat(erased.attendee().email()).doesNotContain("old");
        assertThat(erased.supportNeeds()).isEqualTo(SupportNeeds.NONE);
        assertThat(erased.status()).as("counts stay").isEqualTo(RegistrationStatus.CONFIRMED);
        assertThat(erased.seats()).isEqualTo(1);
        assertThat(registrations.findById(kept.id()).block().attendee().name()).isEqualTo("Recent Attendee");
    }

    private EventId event(Instant endedAt) throws Exception {
        var id = UUID.randomUUID().toString();
        var start = endedAt.minus(Duration.ofHours(2));
        kafka.send(
                        Topics.EVENTS,
                        id,
                        new EventMessage(
                                UUID.randomUUID(),
                                EventMessageType.EventCompleted,
                                endedAt,
                                id,
                                5,
                                "org-test",
                                EventMessage.Status.COMPLETED,
                                "Past workshop",
                                start,
                                endedAt,
                                "Europe/London",
                                10,
                                2,
                                start.minus(Duration.ofDays(30)),
                                start,
                                null,
                                false,
                                null,
                                List.of(),
                                null,
                                null,
                                null,
                                null))
                .get();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ledgers.find(new EventId(id)).blockOptional().isPresent());
        return new EventId(id);
    }

    private Registration registrationFor(EventId event, String name) {
        var id = RegistrationId.newId();
        var registration = new Registration(
                id,
                event,
                new Attendee(
                        name,
                        name.toLowerCase().replace(' ', '.') + "@example.org",
                        "0113 000 0000",
                        AttendeeRole.YOUNG_PERSON,
                        AgeBand.AGE_16_TO_17,
                        new Attendee.Guardian("Guardian", "guardian@example.org", true)),
                List.of(),
                new SupportNeeds("BSL", java.util.Set.of(), List.of(), "private note"),
                new Consents(true, false),
                null,
                null,
                RegistrationStatus.PENDING,
                Instant.now(),
                ManageTokens.hash(id.value()),
                0,
                Instant.now());
        registrations.insert(registration, "key-" + id).block();
        registrations
                .transition(registration, RegistrationStatus.CONFIRMED, java.util.List.of())
                .block();
        return registration;
    }
}
