package org.convene.registrations.registration.spreading;

import static org.assertj.core.api.Assertions.assertThat;

import org.convene.registrations.registration.spreading.LedgerRace.Workload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * ADR 19's design for a very large event (one writer per event, group commit into a paged ledger, the
 * head moved by compare-and-set) raced by 16 threads on three instances whose ownership of the event
 * moves every 2 ms, one request in ten sent to the wrong instance: thousands of registrations of
 * parties of 1–3, a quarter of them cancelled, some sent twice. {@link LedgerAudit} replays what was
 * committed and compares it with what people were told. The control runs the same race with the head
 * written without its version check and must be caught.
 */
class SpreadingOneEventTests {

    private static final Workload RACE =
            new Workload(1, 300, 3_000, 3, 16, 3, 0.25, 0.05, 0, 0.1, true, PagedLedger.Rules.FAIR);

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void seatsNeverExceedCapacityNothingIsLostAndTheQueueIsServedInOrder(long seed) throws Exception {
        var race = LedgerRace.run(RACE.withSeed(seed));
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation] " + LedgerAudit.figures(race, findings));

        assertThat(findings.violations()).as(LedgerAudit.describe(findings)).isEmpty();
        assertThat(findings.repaired())
                .as("registration documents differing from the ledger without any crash")
                .isZero();
        // The race must have been a race: writers lost compare-and-sets, groups formed, the queue moved.
        assertThat(race.store().refused()).as("lost compare-and-sets").isPositive();
        assertThat(race.ledger().changesWritten()).isGreaterThan(race.ledger().groups());
        assertThat(findings.promotions()).as("promotions").isPositive();
        assertThat(findings.seatsTaken()).isEqualTo(RACE.capacity());
    }

    @Test
    void singleSeatsAreAllSoldBeforeAnyoneWaitsAndPromotedStrictlyInArrivalOrder() throws Exception {
        var single = new Workload(5, 200, 3_000, 1, 16, 3, 0.3, 0.05, 0, 0.1, true, PagedLedger.Rules.FAIR);
        var race = LedgerRace.run(single);
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation, one seat each] " + LedgerAudit.figures(race, findings));

        assertThat(findings.violations()).as(LedgerAudit.describe(findings)).isEmpty();
        assertThat(findings.promotions()).isPositive();
        assertThat(findings.seatsTaken()).isEqualTo(200);
    }

    @Test
    void instancesDyingBeforeOrAfterAWriteLoseNoSeatAndNoPlace() throws Exception {
        var crashing = new Workload(6, 300, 3_000, 3, 16, 3, 0.25, 0.05, 0.02, 0.1, true, PagedLedger.Rules.FAIR);
        var race = LedgerRace.run(crashing);
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation, crashes] " + LedgerAudit.figures(race, findings));

        assertThat(race.ledger().crashes()).as("crashes").isPositive();
        assertThat(findings.violations()).as(LedgerAudit.describe(findings)).isEmpty();
    }

    @Test
    void withoutTheVersionCheckTheSameRaceLosesWritesAndTheAuditSeesIt() throws Exception {
        var race = LedgerRace.run(RACE.withoutVersionCheck());
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation, control] " + LedgerAudit.figures(race, findings) + "\n"
                + LedgerAudit.describe(findings));

        assertThat(findings.clean())
                .as("the audit of a ledger written without its version check")
                .isFalse();
        assertThat(String.join("\n", findings.violations())).containsAnyOf("lost", "never committed", "overbooked");
    }

    @Test
    void servingTheNewestWhoFitsInsteadOfTheFirstIsCaughtAsPassingOverThoseAhead() throws Exception {
        var race = LedgerRace.run(RACE.with(PagedLedger.Rules.SERVE_NEWEST_FIRST));
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation, control SERVE_NEWEST_FIRST]\n" + LedgerAudit.describe(findings));

        assertThat(String.join("\n", findings.violations())).contains("was promoted past");
    }

    @Test
    void leavingFreedSeatsForNewArrivalsIsCaughtAsSeatsUnsoldWhilePeopleWait() throws Exception {
        var race = LedgerRace.run(RACE.with(PagedLedger.Rules.NEVER_SERVE));
        var findings = LedgerAudit.of(race);
        System.out.println("[ADR 19 simulation, control NEVER_SERVE]\n" + LedgerAudit.describe(findings));

        assertThat(String.join("\n", findings.violations())).contains("seats are left after page");
    }
}
