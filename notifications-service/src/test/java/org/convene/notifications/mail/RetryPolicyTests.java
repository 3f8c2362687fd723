package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The one retry rule of transactional emails and newsletters, without a mail server. */
class RetryPolicyTests {

    @Test
    void theWaitDoublesFromTwoSecondsAndStopsGrowingAfterTheEighthFailure() {
        assertThat(RetryPolicy.delayAfter(1)).isEqualTo(Duration.ofSeconds(2));
        assertThat(RetryPolicy.delayAfter(2)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryPolicy.delayAfter(3)).isEqualTo(Duration.ofSeconds(8));
        assertThat(RetryPolicy.delayAfter(8)).isEqualTo(Duration.ofSeconds(256));
        assertThat(RetryPolicy.delayAfter(9)).isEqualTo(Duration.ofSeconds(256));
        assertThat(RetryPolicy.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(256));
    }

    @Test
    void aPassingFailureIsTriedAgainUntilTheTenth() {
        for (var attempts = 1; attempts < 10; attempts++) {
            assertThat(RetryPolicy.givesUp(attempts, false))
                    .as("after %d", attempts)
                    .isFalse();
        }
        assertThat(RetryPolicy.givesUp(10, false)).isTrue();
        assertThat(RetryPolicy.givesUp(11, false)).isTrue();
    }

    @Test
    void aRefusalThatWillNeverChangeEndsItAtOnce() {
        assertThat(RetryPolicy.givesUp(1, true)).isTrue();
    }
}
