package org.convene.registrations.registration.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.registrations.registration.domain.RegistrationService.Outcome;
import org.convene.registrations.registration.domain.RegistrationService.RegisterAttendee;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules of registering, the waitlist and cancelling (docs/api.md, ADR 6) as {@link RegistrationService} applies
 * them, driven through its ports with in-memory fakes: no store, no Spring, milliseconds. The seat ledger's own rule
 * is {@link SeatLedgerTests}'; this is the service ordering its steps around it: what the person is told, what is
 * recorded and announced, and whom a cancellation serves. That the same holds against the real store, under races
 * and crashes, is for {@code RegistrationsApiTests}, {@code WaitlistPositionTests} and {@code ReconciliationTests}.
 */
class RegistrationServiceTests {

    private static final EventId EVENT = new EventId("event-1");

    private final Clock clock = Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
    private final InMemoryRegistrations registrations = new InMemoryRegistrations();
    private final InMemorySeatLedgers ledgers = new InMemorySeatLedgers(clock);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RegistrationService service = new RegistrationService(
            registrations,
            ledgers,
            new ManageTokens("a test secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8)),
            clock,
            meters);

    private void published(int capacity) {
        ledgers.event(EVENT, "PUBLISHED", capacity, 3, 10);
    }

    private static RegisterAttendee person(String name, int companions) {
        return new RegisterAttendee(
                new Attendee(
                        name, name.replace(' ', '.') + "@example.org", null, AttendeeRole.OTHER, AgeBand.OVER_25, null),
                Collections.nCopies(companions, CompanionKind.CARER),
                SupportNeeds.NONE,
                new Consents(false, false));
    }

    private Outcome register(String name, int companions) {
        return service.register(EVENT, person(name, companions), null).block();
    }

    private RegistrationStatus statusOf(Outcome outcome) {
        return registrations.findById(outcome.registration().id()).block().status();
    }

    private long positionOf(Outcome outcome) {
        return service.view(outcome.manageToken()).block().position();
    }

    private int seatsTaken() {
        return service.availability(EVENT).block().seatsTaken();
    }

    private List<RegistrationMessageType> announced(Outcome outcome) {
        return registrations.outbox().stream()
                .filter(message -> message.registrationId()
                        .equals(outcome.registration().id().value()))
                .map(RegistrationMessage::type)
                .toList();
    }

    private double counted(String outcome) {
        var counter =
                meters.find("convene.registrations").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    @Nested
    class Registering {

        @Test
        void aPartyIsConfirmedWhileSeatsRemain() {
            published(3);

            var outcome = register("Ada Lovelace", 1);

            assertThat(outcome.registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(outcome.position()).isZero();
            assertThat(outcome.manageToken()).isNotBlank();
            assertThat(statusOf(outcome)).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(seatsTaken())
                    .as("one seat for the person, one for their carer")
                    .isEqualTo(2);
            assertThat(announced(outcome)).containsExactly(RegistrationMessageType.RegistrationConfirmed);
            assertThat(counted("confirmed")).isEqualTo(1);
        }

        @Test
        void confirmsUntilFullThenWaitlistsInTheOrderPeopleCame() {
            published(2);

            var first = register("First Person", 1);
            var second = register("Second Person", 0);
            var third = register("Third Person", 0);

            assertThat(first.registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(second.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(second.position()).isEqualTo(1);
            assertThat(third.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(third.position()).isEqualTo(2);
            assertThat(seatsTaken()).isEqualTo(2);
            assertThat(announced(second)).containsExactly(RegistrationMessageType.RegistrationWaitlisted);
            assertThat(registrations.outbox())
                    .filteredOn(message -> message.type() == RegistrationMessageType.RegistrationWaitlisted)
                    .extracting(RegistrationMessage::waitlistPosition)
                    .as("the place each is told is the place they are sent")
                    .containsExactly(1, 2);
        }

        @Test
        void aPartyOfThreeWithTwoSeatsLeftWaitsWholeAndTakesNoSeat() {
            published(2);

            var party = register("Big Party", 2);

            assertThat(party.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(party.position()).isEqualTo(1);
            assertThat(seatsTaken()).as("no part of the party is seated").isZero();
        }

        @Test
        void aSmallerPartyBehindIsServedFromSeatsTheHeadCannotUseAndTheHeadKeepsItsPlace() {
            published(2);
            var party = register("Big Party", 2);

            var single = register("Single Person", 0);

            assertThat(single.registration().status())
                    .as("seats are not left empty while someone who fits is waiting (ADR 6)")
                    .isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(announced(single))
                    .containsExactly(
                            RegistrationMessageType.RegistrationWaitlisted,
                            RegistrationMessageType.RegistrationPromoted);
            assertThat(statusOf(party)).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(positionOf(party)).isEqualTo(1);
            assertThat(seatsTaken()).isEqualTo(1);
        }

        @Test
        void aCancelledEventRefusesAndNothingIsStored() {
            ledgers.event(EVENT, "CANCELLED", 10, 3, 10);

            assertThatThrownBy(() -> register("Late Person", 0))
                    .isInstanceOf(RegistrationRefused.class)
                    .hasMessageContaining("cancelled");
            assertThat(registrations.all()).isEmpty();
        }

        @Test
        void anUnknownEventIsNotFound() {
            assertThatThrownBy(() -> register("Lost Person", 0)).isInstanceOf(NotFound.class);
            assertThat(registrations.all()).isEmpty();
        }

        @Test
        void tooManyCompanionsIsRefusedByFieldAndTakesNoSeat() {
            published(10);

            assertThatThrownBy(() -> register("Crowd Person", 4))
                    .isInstanceOfSatisfying(
                            InvalidRegistration.class,
                            invalid -> assertThat(invalid.fieldErrors()).containsOnlyKeys("companions"));
            assertThat(registrations.all()).isEmpty();
            assertThat(seatsTaken()).isZero();
        }

        @Test
        void someoneUnder18NeedsAGuardiansAgreement() {
            published(10);
            var young = new RegisterAttendee(
                    new Attendee(
                            "Young Person",
                            "young@example.org",
                            null,
                            AttendeeRole.YOUNG_PERSON,
                            AgeBand.UNDER_16,
                            null),
                    List.of(),
                    SupportNeeds.NONE,
                    new Consents(false, false));

            assertThatThrownBy(() -> service.register(EVENT, young, null).block())
                    .isInstanceOfSatisfying(
                            InvalidRegistration.class,
                            invalid -> assertThat(invalid.fieldErrors())
                                    .containsOnlyKeys(
                                            "attendee.guardian.name",
                                            "attendee.guardian.contact",
                                            "attendee.guardian.consentGiven"));
            assertThat(registrations.all()).isEmpty();
        }

        @Test
        void someoneWithoutAnAgeBandIsAskedForOneRatherThanPassedAsAnAdult() {
            published(10);
            var ageless = new RegisterAttendee(
                    new Attendee("No Age", "no.age@example.org", null, AttendeeRole.OTHER, null, null),
                    List.of(),
                    SupportNeeds.NONE,
                    new Consents(false, false));

            assertThatThrownBy(() -> service.register(EVENT, ageless, null).block())
                    .isInstanceOfSatisfying(
                            InvalidRegistration.class,
                            invalid -> assertThat(invalid.fieldErrors()).containsOnlyKeys("attendee.ageBand"));
            assertThat(registrations.all()).isEmpty();
            assertThat(seatsTaken()).isZero();
        }

        @Test
        void aYoungPersonOfAGroupWithoutAnAgeBandIsAskedForOne() {
            published(10);
            var worker = new RegisterAttendee(
                    new Attendee(
                            "Youth Worker",
                            "worker@example.org",
                            null,
                            AttendeeRole.PROFESSIONAL,
                            AgeBand.OVER_25,
                            null),
                    List.of(),
                    SupportNeeds.NONE,
                    new Consents(false, false),
                    new Group(
                            null,
                            List.of(new GroupMember(
                                    GroupMember.newId(),
                                    "No Age",
                                    null,
                                    null,
                                    SupportNeeds.NONE,
                                    new Consents(false, false),
                                    null,
                                    false))));

            assertThatThrownBy(() -> service.register(EVENT, worker, null).block())
                    .isInstanceOfSatisfying(
                            InvalidRegistration.class,
                            invalid -> assertThat(invalid.fieldErrors()).containsOnlyKeys("group.members[0].ageBand"));
            assertThat(registrations.all()).isEmpty();
        }

        @Test
        void theSamePersonRegisteringAgainIsToldTheyAreRegisteredAndTakesNoMoreSeats() {
            published(10);
            var first = register("Ada Lovelace", 0);
            var again = new RegisterAttendee(
                    new Attendee(
                            " ada   LOVELACE ",
                            "Ada.Lovelace@example.org",
                            null,
                            AttendeeRole.OTHER,
                            AgeBand.OVER_25,
                            null),
                    List.of(),
                    SupportNeeds.NONE,
                    new Consents(false, false));

            assertThatThrownBy(() -> service.register(EVENT, again, null).block())
                    .isInstanceOfSatisfying(
                            AlreadyRegistered.class,
                            already -> assertThat(already.registrationId())
                                    .isEqualTo(first.registration().id().value()));
            assertThat(registrations.all()).hasSize(1);
            assertThat(seatsTaken()).isEqualTo(1);
        }
    }

    @Nested
    class TheSameRequestTwice {

        @Test
        void anIdempotencyKeyAnswersTheSameConfirmationTwiceAndTakesSeatsOnce() {
            published(5);

            var first =
                    service.register(EVENT, person("Ada Lovelace", 1), "key-1").block();
            var again =
                    service.register(EVENT, person("Ada Lovelace", 1), "key-1").block();

            assertThat(again.registration().id()).isEqualTo(first.registration().id());
            assertThat(again.registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(again.manageToken()).isEqualTo(first.manageToken());
            assertThat(registrations.all()).hasSize(1);
            assertThat(seatsTaken()).isEqualTo(2);
            assertThat(registrations.outbox()).as("announced once").hasSize(1);
        }

        @Test
        void anIdempotencyKeyAnswersTheSamePlaceInTheQueueTwice() {
            published(1);
            register("Seated Person", 0);

            var first = service.register(EVENT, person("Waiting Person", 0), "key-2")
                    .block();
            var again = service.register(EVENT, person("Waiting Person", 0), "key-2")
                    .block();

            assertThat(again.registration().id()).isEqualTo(first.registration().id());
            assertThat(again.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(again.position()).isEqualTo(first.position()).isEqualTo(1);
            assertThat(ledgers.queue(EVENT).collectList().block()).hasSize(1);
        }

        /** The first attempt's instance stopped after recording the request and before deciding it. */
        private Registration undecided(RegisterAttendee command, String idempotencyKey) {
            var id = RegistrationId.newId();
            var now = clock.instant();
            return registrations
                    .insert(
                            new Registration(
                                    id,
                                    EVENT,
                                    command.attendee(),
                                    command.companions(),
                                    command.supportNeeds(),
                                    command.consents(),
                                    null,
                                    null,
                                    RegistrationStatus.PENDING,
                                    now,
                                    "hash",
                                    0,
                                    now),
                            idempotencyKey)
                    .block();
        }

        @Test
        void aRepeatedRequestFindingTheFirstUndecidedDecidesItInsteadOfAnsweringPending() {
            published(5);
            var command = person("Ada Lovelace", 1);
            var first = undecided(command, "key-5");

            var again = service.register(EVENT, command, "key-5").block();

            assertThat(again.registration().id()).isEqualTo(first.id());
            assertThat(again.registration().status()).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(statusOf(again)).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(seatsTaken()).isEqualTo(2);
            assertThat(announced(again)).containsExactly(RegistrationMessageType.RegistrationConfirmed);
        }

        @Test
        void anUndecidedFirstRequestAskedForTwiceIsDecidedOnceAndTakesSeatsOnce() {
            published(1);
            register("Seated Person", 0);
            var command = person("Waiting Person", 0);
            var first = undecided(command, "key-6");

            var once = service.register(EVENT, command, "key-6").block();
            var twice = service.register(EVENT, command, "key-6").block();

            assertThat(once.registration().id()).isEqualTo(first.id());
            assertThat(once.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(twice.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(twice.position()).isEqualTo(once.position()).isEqualTo(1);
            assertThat(ledgers.queue(EVENT).collectList().block()).hasSize(1);
            assertThat(announced(once)).containsExactly(RegistrationMessageType.RegistrationWaitlisted);
        }

        @Test
        void aRepeatedRequestIsAnsweredEvenAfterTheEventWasCancelled() {
            published(5);
            var first =
                    service.register(EVENT, person("Ada Lovelace", 0), "key-3").block();
            ledgers.event(EVENT, "CANCELLED", 5, 3, 10);

            var again =
                    service.register(EVENT, person("Ada Lovelace", 0), "key-3").block();

            assertThat(again.registration().id()).isEqualTo(first.registration().id());
        }
    }

    @Nested
    class Cancelling {

        @Test
        void freesTheSeatsAndPromotesTheHeadOfTheQueue() {
            published(2);
            var holder = register("Seat Holder", 1);
            var head = register("Head Of Queue", 0);
            var behind = register("Behind Head", 1);

            var cancelled = service.cancel(holder.manageToken()).block();

            assertThat(cancelled.registration().status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(announced(holder))
                    .containsExactly(
                            RegistrationMessageType.RegistrationConfirmed,
                            RegistrationMessageType.RegistrationCancelled);
            assertThat(statusOf(head)).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(announced(head))
                    .containsExactly(
                            RegistrationMessageType.RegistrationWaitlisted,
                            RegistrationMessageType.RegistrationPromoted);
            assertThat(statusOf(behind))
                    .as("a party of two does not fit the one seat left: it waits whole")
                    .isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(positionOf(behind)).as("and moves up").isEqualTo(1);
            assertThat(seatsTaken()).isEqualTo(1);
            assertThat(counted("promoted")).isEqualTo(1);
        }

        @Test
        void whenTheHeadDoesNotFitTheFirstPartyBehindThatFitsIsPromotedAndTheHeadKeepsItsPlace() {
            published(3);
            var holder = register("Seat Holder", 0);
            var other = register("Other Holder", 1);
            var party = register("Party Of Three", 2);
            var single = register("Single Person", 0);
            assertThat(positionOf(party)).isEqualTo(1);
            assertThat(positionOf(single)).isEqualTo(2);

            service.cancel(holder.manageToken()).block();

            assertThat(statusOf(single)).isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(statusOf(party)).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(positionOf(party))
                    .as("the head keeps its place for the next seats")
                    .isEqualTo(1);
            assertThat(seatsTaken()).isEqualTo(3);

            service.cancel(other.manageToken()).block();

            assertThat(statusOf(party)).as("two seats free, three needed").isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(seatsTaken()).isEqualTo(1);

            service.cancel(single.manageToken()).block();

            assertThat(statusOf(party)).as("promoted whole").isEqualTo(RegistrationStatus.CONFIRMED);
            assertThat(seatsTaken()).isEqualTo(3);
            assertThat(ledgers.holders(EVENT))
                    .singleElement()
                    .extracting(SeatLedgers.Queued::seats)
                    .isEqualTo(3);
            assertThat(counted("promoted")).isEqualTo(2);
        }

        @Test
        void aWaitingPartyThatCancelsGivesUpItsPlaceAndThoseBehindMoveUp() {
            published(1);
            register("Seat Holder", 0);
            var head = register("Head Of Queue", 0);
            var behind = register("Behind Head", 0);

            service.cancel(head.manageToken()).block();

            assertThat(statusOf(head)).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(positionOf(behind)).isEqualTo(1);
            assertThat(seatsTaken()).as("a place in the queue held no seat").isEqualTo(1);
        }

        @Test
        void cancellingTwiceIsHarmlessAndGivesSeatsBackOnce() {
            published(2);
            var holder = register("Seat Holder", 0);
            register("Other Holder", 0);

            service.cancel(holder.manageToken()).block();
            var again = service.cancel(holder.manageToken()).block();

            assertThat(again.registration().status()).isEqualTo(RegistrationStatus.CANCELLED);
            assertThat(seatsTaken()).isEqualTo(1);
            assertThat(announced(holder))
                    .containsExactly(
                            RegistrationMessageType.RegistrationConfirmed,
                            RegistrationMessageType.RegistrationCancelled);
        }

        @Test
        void aCancelledPersonMayRegisterAgainAndJoinsTheEndOfTheQueue() {
            published(1);
            var holder = register("Seat Holder", 0);
            register("Waiting Person", 0);

            service.cancel(holder.manageToken()).block();
            var back = register("Seat Holder", 0);

            assertThat(back.registration().id())
                    .isNotEqualTo(holder.registration().id());
            assertThat(back.registration().status()).isEqualTo(RegistrationStatus.WAITLISTED);
            assertThat(back.position()).isEqualTo(1);
        }

        @Test
        void anUnknownManageLinkIsNotFound() {
            published(1);

            assertThatThrownBy(() -> service.cancel("no-such-token").block()).isInstanceOf(NotFound.class);
        }
    }
}
