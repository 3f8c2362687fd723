package org.convene.registrations.registration.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.convene.registrations.registration.domain.SeatLedger.Admission;
import org.convene.registrations.registration.domain.SeatLedger.Outcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SeatLedgerTests {

    private static final int NO_LIMIT = Integer.MAX_VALUE;

    private static SeatLedger open(int seatsLeft) {
        return new SeatLedger("PUBLISHED", 7, seatsLeft, 0, List.of(), List.of());
    }

    private static RegistrationId id(String value) {
        return new RegistrationId(value);
    }

    @Test
    void confirmsUntilFullThenWaitlists() {
        var ledger = open(4);

        assertThat(ledger.admit(id("a"), 2, NO_LIMIT))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.SEATED, 0L);
        assertThat(ledger.admit(id("b"), 2, NO_LIMIT))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.SEATED, 0L);
        assertThat(ledger.admit(id("c"), 1, NO_LIMIT))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.QUEUED, 1L);
        assertThat(ledger.admit(id("d"), 1, NO_LIMIT))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.QUEUED, 2L);

        assertThat(ledger.seatsLeft()).isZero();
        assertThat(ledger.seatsTaken()).isEqualTo(4);
        assertThat(ledger.waiting()).isEqualTo(2);
        assertThat(ledger.holders()).extracting(SeatLedgers.Queued::seats).containsExactly(2, 2);
        assertThat(ledger.queue())
                .extracting(queued -> queued.registration().value())
                .containsExactly("c", "d");
    }

    @Test
    void aPartyIsSeatedWholeOrQueuedWhole() {
        var ledger = open(2);

        assertThat(ledger.admit(id("three"), 3, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(ledger.seatsLeft()).isEqualTo(2);
    }

    @Test
    void aNewArrivalNeverOvertakesTheQueueEvenWhenItWouldFit() {
        var ledger = open(2);
        ledger.admit(id("three"), 3, NO_LIMIT);

        assertThat(ledger.admit(id("one"), 1, NO_LIMIT))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.QUEUED, 2L);
        assertThat(ledger.seatsLeft()).isEqualTo(2);
    }

    @Test
    void nothingIsSeatedUnlessTheEventIsPublished() {
        var ledger = new SeatLedger("DRAFT", 1, 10, 0, List.of(), List.of());

        assertThat(ledger.admit(id("a"), 1, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
        assertThat(ledger.seatsTaken()).isZero();
    }

    @Test
    void nothingIsGivenForACancelledEvent() {
        var ledger = new SeatLedger("CANCELLED", 1, 10, 0, List.of(), List.of());

        assertThat(ledger.admit(id("a"), 1, NO_LIMIT).outcome()).isEqualTo(Outcome.EVENT_CANCELLED);
        assertThat(ledger.changed()).isFalse();
    }

    @Nested
    class AdmittingAgain {

        @Test
        void aHolderIsToldItHoldsSeatsAndGetsNoMore() {
            var ledger = new SeatLedger("PUBLISHED", 3, 5, 2, List.of(new SeatLedgers.Queued(id("a"), 2)), List.of());

            assertThat(ledger.admit(id("a"), 2, NO_LIMIT))
                    .extracting(Admission::outcome, Admission::position)
                    .containsExactly(Outcome.SEATED, 0L);
            assertThat(ledger.seatsLeft()).isEqualTo(5);
            assertThat(ledger.changed()).isFalse();
        }

        @Test
        void aWaitingPartyIsToldItsPlaceAndDoesNotJoinTwice() {
            var queue = List.of(new SeatLedgers.Queued(id("x"), 1), new SeatLedgers.Queued(id("y"), 1));
            var ledger = new SeatLedger("PUBLISHED", 3, 0, 10, List.of(), queue);

            assertThat(ledger.admit(id("y"), 1, NO_LIMIT))
                    .extracting(Admission::outcome, Admission::position)
                    .containsExactly(Outcome.QUEUED, 2L);
            assertThat(ledger.waiting()).isEqualTo(2);
            assertThat(ledger.changed()).isFalse();
        }
    }

    @Test
    void theQueueStopsAtItsLimitSoTheLedgerStaysBounded() {
        var ledger = open(0);
        ledger.admit(id("a"), 1, 2);
        ledger.admit(id("b"), 1, 2);

        assertThat(ledger.admit(id("c"), 1, 2))
                .extracting(Admission::outcome, Admission::position)
                .containsExactly(Outcome.WAITING_LIST_FULL, 0L);
        assertThat(ledger.waiting()).isEqualTo(2);
    }

    @Nested
    class ServingTheQueueAndGivingBack {

        private final SeatLedgers.Queued head = new SeatLedgers.Queued(id("head"), 2);
        private final SeatLedgers.Queued next = new SeatLedgers.Queued(id("next"), 1);

        @Test
        void aPartyFromTheQueueTakesItsSeatsOnceAndKeepsItsPlaceUntilItLeaves() {
            var ledger = new SeatLedger("PUBLISHED", 3, 2, 8, List.of(), List.of(head, next));

            assertThat(ledger.take(id("head"), 2, false)).isTrue();
            assertThat(ledger.take(id("head"), 2, false)).as("never twice").isFalse();
            assertThat(ledger.seatsLeft()).isZero();
            assertThat(ledger.placeOf(id("head"))).isEqualTo(1);

            assertThat(ledger.leave(id("head"))).isTrue();
            assertThat(ledger.placeOf(id("next")))
                    .as("everyone behind moves up")
                    .isEqualTo(1);
            assertThat(ledger.leave(id("head"))).isFalse();
            assertThat(ledger.waiting()).isEqualTo(1);
        }

        @Test
        void aNewArrivalTakesNoSeatWhileAnyoneWaitsButAServedPartyDoes() {
            var ledger = new SeatLedger("PUBLISHED", 3, 5, 5, List.of(), List.of(next));

            assertThat(ledger.take(id("new"), 1, true)).isFalse();
            assertThat(ledger.take(id("next"), 1, false)).isTrue();
            assertThat(ledger.seatsLeft()).isEqualTo(4);
        }

        @Test
        void seatsAreTakenWholeOnlyWhileTheEventIsPublished() {
            assertThat(new SeatLedger("PUBLISHED", 3, 1, 9, List.of(), List.of()).take(id("a"), 2, false))
                    .isFalse();
            assertThat(new SeatLedger("CANCELLED", 3, 10, 0, List.of(), List.of()).take(id("a"), 1, false))
                    .isFalse();
        }

        @Test
        void releasingGivesBackWhatWasHeldOnce() {
            var ledger = new SeatLedger("PUBLISHED", 3, 0, 2, List.of(head), List.of());

            assertThat(ledger.release(id("head"), 2)).isTrue();
            assertThat(ledger.release(id("head"), 2)).isFalse();
            assertThat(ledger.seatsLeft()).isEqualTo(2);
            assertThat(ledger.seatsTaken()).isZero();
            assertThat(ledger.holds(id("head"))).isFalse();
        }

        @Test
        void aPartyJoinsTheQueueOnceAndNeverWhileHoldingSeats() {
            var ledger = new SeatLedger("PUBLISHED", 3, 0, 2, List.of(head), List.of(next));

            assertThat(ledger.join(id("head"), 2)).isFalse();
            assertThat(ledger.join(id("next"), 1)).isFalse();
            assertThat(ledger.join(id("late"), 1)).isTrue();
            assertThat(ledger.placeOf(id("late"))).isEqualTo(2);
            assertThat(ledger.changed()).isTrue();
        }
    }

    @Nested
    class AGroupChangingSize {

        @Test
        void aHolderGivesBackWhatItNoLongerNeeds() {
            var ledger = open(6);
            ledger.admit(id("group"), 5, NO_LIMIT);

            assertThat(ledger.resize(id("group"), 3)).isTrue();

            assertThat(ledger.seatsLeft()).isEqualTo(3);
            assertThat(ledger.seatsTaken()).isEqualTo(3);
            assertThat(ledger.holders()).extracting(SeatLedgers.Queued::seats).containsExactly(3);
        }

        @Test
        void aHolderGrowsOnlyIntoFreeSeatsWhileNobodyWaits() {
            var ledger = open(4);
            ledger.admit(id("group"), 3, NO_LIMIT);

            assertThat(ledger.resize(id("group"), 4)).isTrue();
            assertThat(ledger.resize(id("group"), 5)).as("no seat left").isFalse();
            assertThat(ledger.seatsTaken()).isEqualTo(4);

            ledger.resize(id("group"), 3);
            ledger.admit(id("waiting"), 2, NO_LIMIT);
            assertThat(ledger.resize(id("group"), 4))
                    .as("a free seat, but someone waits: growing would overtake them")
                    .isFalse();
            assertThat(ledger.seatsLeft()).isEqualTo(1);
        }

        @Test
        void aWaitingPartyKeepsItsPlaceWithItsNewSize() {
            var ledger = open(1);
            ledger.admit(id("first"), 1, NO_LIMIT);
            ledger.admit(id("group"), 4, NO_LIMIT);
            ledger.admit(id("after"), 1, NO_LIMIT);

            assertThat(ledger.resize(id("group"), 2)).isTrue();

            assertThat(ledger.queue())
                    .extracting(queued -> queued.registration().value() + ":" + queued.seats())
                    .containsExactly("group:2", "after:1");
            assertThat(ledger.placeOf(id("after"))).isEqualTo(2);
        }

        @Test
        void aPartyThatNeitherHoldsNorWaitsChangesNothing() {
            var ledger = open(3);

            assertThat(ledger.resize(id("nobody"), 2)).isFalse();
            assertThat(ledger.changed()).isFalse();
        }
    }

    @Nested
    class AnOrganiserAcceptingPartOfAWaitingGroup {

        @Test
        void thePartTakesItsSeatsAndTheRestKeepsTheGroupsPlace() {
            var ahead = new SeatLedgers.Queued(id("ahead"), 9);
            var group = new SeatLedgers.Queued(id("group"), 6);
            var behind = new SeatLedgers.Queued(id("behind"), 1);
            var ledger = new SeatLedger("PUBLISHED", 3, 3, 7, List.of(), List.of(ahead, group, behind));

            assertThat(ledger.acceptPart(id("group"), 3, 3)).isTrue();

            assertThat(ledger.seatsLeft()).isZero();
            assertThat(ledger.holds(id("group"))).isTrue();
            assertThat(ledger.queue())
                    .containsExactly(ahead, new SeatLedgers.Queued(RegistrationId.restOfGroup(id("group")), 3), behind);
            // Asked again (a retry after a crash): the same answer, nothing more taken.
            assertThat(ledger.acceptPart(id("group"), 3, 3)).isTrue();
            assertThat(ledger.seatsLeft()).isZero();
        }

        @Test
        void nothingChangesWhenThePartDoesNotFitOrTheSizesAreWrong() {
            var ledger =
                    new SeatLedger("PUBLISHED", 3, 2, 8, List.of(), List.of(new SeatLedgers.Queued(id("group"), 6)));

            assertThat(ledger.acceptPart(id("group"), 3, 3)).isFalse();
            assertThat(ledger.acceptPart(id("group"), 2, 2)).isFalse();
            assertThat(ledger.changed()).isFalse();
        }

        @Test
        void givingBackReturnsWhatWasHeldWhateverTheCallerSays() {
            var ledger = new SeatLedger("PUBLISHED", 3, 4, 6, List.of(new SeatLedgers.Queued(id("a"), 3)), List.of());
            assertThat(ledger.release(id("a"), 99)).isTrue();
            assertThat(ledger.seatsLeft()).isEqualTo(7);
        }
    }

    @Nested
    class PlacesHeldForAnInvitation {

        private static final java.time.Instant NOW = java.time.Instant.parse("2027-01-10T12:00:00Z");

        /** 30 seats, 10 held for the council's invitation until a day after now. */
        private SeatLedger withCouncilHolding(int held, java.time.Instant releaseAt) {
            return new SeatLedger(
                    "PUBLISHED",
                    1,
                    30,
                    0,
                    List.of(),
                    List.of(),
                    List.of(new Invitation("council", "Rutland County Council", Invitation.hash("x"), held, releaseAt)),
                    NOW);
        }

        private SeatLedger councilHoldingTen() {
            return withCouncilHolding(10, NOW.plusSeconds(86_400));
        }

        @Test
        void everyoneElseTakesOnlyWhatIsNotHeld() {
            var ledger = councilHoldingTen();
            assertThat(ledger.admit(id("general-a"), 20, NO_LIMIT).outcome()).isEqualTo(Outcome.SEATED);
            assertThat(ledger.admit(id("general-b"), 1, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
            assertThat(ledger.seatsLeft()).isEqualTo(10);
        }

        @Test
        void theInvitationTakesItsHeldPlacesFirstAndNeverMoreThanHeld() {
            var ledger = councilHoldingTen();
            assertThat(ledger.admit(id("council-a"), 8, "council", NO_LIMIT).outcome())
                    .isEqualTo(Outcome.SEATED);
            assertThat(ledger.seatsTakenByInvitation()).containsEntry("council", 8);
            // 2 held places left: a party of 3 takes from general sale instead, never split across both.
            assertThat(ledger.admit(id("council-b"), 3, "council", NO_LIMIT).outcome())
                    .isEqualTo(Outcome.SEATED);
            assertThat(ledger.seatsTakenByInvitation()).containsEntry("council", 8);
            assertThat(ledger.holders())
                    .extracting(SeatLedgers.Queued::invitation)
                    .containsExactly("council", null);
            // 30 - 11 = 19 left, 2 of them still held for the council: 17 for everyone else.
            assertThat(ledger.admit(id("general"), 18, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
        }

        @Test
        void whenGeneralSaleIsFullTheInvitationStillHasItsPlaces() {
            var ledger = councilHoldingTen();
            assertThat(ledger.admit(id("general"), 20, NO_LIMIT).outcome()).isEqualTo(Outcome.SEATED);
            assertThat(ledger.admit(id("waiting"), 2, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
            // Nobody of the council waits, so the council's arrival overtakes no-one who could use its places.
            assertThat(ledger.admit(id("council"), 10, "council", NO_LIMIT).outcome())
                    .isEqualTo(Outcome.SEATED);
            assertThat(ledger.seatsLeft()).isZero();
            assertThat(ledger.admit(id("council-late"), 1, "council", NO_LIMIT).outcome())
                    .isEqualTo(Outcome.QUEUED);
        }

        @Test
        void afterTheReleaseDateUnusedPlacesAreForEveryone() {
            var released = withCouncilHolding(10, NOW.minusSeconds(1));
            assertThat(released.admit(id("general"), 30, NO_LIMIT).outcome()).isEqualTo(Outcome.SEATED);
        }

        @Test
        void releasedPlacesServeTheQueue() {
            var waiting = new SeatLedgers.Queued(id("waiting"), 5);
            var beforeRelease = new SeatLedger(
                    "PUBLISHED",
                    1,
                    10,
                    20,
                    List.of(new SeatLedgers.Queued(id("general"), 20)),
                    List.of(waiting),
                    List.of(new Invitation("council", "c", Invitation.hash("x"), 10, NOW.plusSeconds(60))),
                    NOW);
            assertThat(beforeRelease.servable()).isEmpty();
            var afterRelease = new SeatLedger(
                    "PUBLISHED",
                    1,
                    10,
                    20,
                    List.of(new SeatLedgers.Queued(id("general"), 20)),
                    List.of(waiting),
                    List.of(new Invitation("council", "c", Invitation.hash("x"), 10, NOW.plusSeconds(60))),
                    NOW.plusSeconds(61));
            assertThat(afterRelease.servable()).containsExactly(waiting);
            assertThat(afterRelease.take(id("waiting"), 5, false)).isTrue();
        }

        @Test
        void aWaitingPartyOfTheInvitationIsServedFromItsHeldPlaces() {
            var council = new SeatLedgers.Queued(id("council"), 4, "council");
            var general = new SeatLedgers.Queued(id("general"), 1);
            var ledger = new SeatLedger(
                    "PUBLISHED",
                    1,
                    10,
                    20,
                    List.of(new SeatLedgers.Queued(id("first"), 20)),
                    List.of(general, council),
                    List.of(new Invitation("council", "c", Invitation.hash("x"), 10, null)),
                    NOW);
            assertThat(ledger.servable()).containsExactly(council);
            assertThat(ledger.take(id("council"), 4, false)).isTrue();
            assertThat(ledger.seatsTakenByInvitation()).containsEntry("council", 4);
        }

        @Test
        void givingBackReturnsPlacesToTheHoldTheyCameFrom() {
            var ledger = councilHoldingTen();
            ledger.admit(id("council"), 10, "council", NO_LIMIT);
            ledger.admit(id("general"), 20, NO_LIMIT);
            assertThat(ledger.release(id("council"), 10)).isTrue();
            assertThat(ledger.seatsTakenByInvitation()).doesNotContainKey("council");
            assertThat(ledger.admit(id("general-late"), 1, NO_LIMIT).outcome()).isEqualTo(Outcome.QUEUED);
        }

        @Test
        void aPartyFromHeldPlacesGrowsOnlyWithinThem() {
            var ledger = councilHoldingTen();
            ledger.admit(id("council"), 9, "council", NO_LIMIT);
            assertThat(ledger.resize(id("council"), 10)).isTrue();
            assertThat(ledger.resize(id("council"), 11)).isFalse();
            assertThat(ledger.seatsTakenByInvitation()).containsEntry("council", 10);
        }
    }

    @Test
    void theWriteMustFindTheVersionTheDecisionWasMadeOn() {
        assertThat(open(1).version()).isEqualTo(7);
    }
}
