package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The pace is a behaviour (not a speed claim): batches beyond the first wait for their turn. */
class SendingRateTests {

    @Test
    void batchesBeyondWhatTheRateAllowsWaitTheirTurn() {
        var rate = new SendingRate(100);
        var start = System.nanoTime();
        // The first batch goes at once; each next one when the messages before it had their 10 ms each.
        rate.acquire(50);
        var firstWaitedMillis = (System.nanoTime() - start) / 1_000_000;
        rate.acquire(20);
        rate.acquire(20);
        var waitedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(firstWaitedMillis).isLessThan(500);
        assertThat(waitedMillis).isGreaterThanOrEqualTo(700);
    }
}
