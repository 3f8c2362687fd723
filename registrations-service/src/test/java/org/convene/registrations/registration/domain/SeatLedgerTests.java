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

    @Test
    void theWriteMustFindTheVersionTheDecisionWasMadeOn() {
        assertThat(open(1).version()).isEqualTo(7);
    }
}
