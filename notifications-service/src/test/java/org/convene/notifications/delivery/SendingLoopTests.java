package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.notifications.delivery.sending.EmailSendingHealthIndicator;
import org.convene.notifications.delivery.sending.SendingLoop;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import reactor.core.publisher.Mono;

/**
 * The senders' loop with rounds under the test's control: a round that loses its signal (never
 * completes, reports nothing) is ended by the watchdog, logged, counted and shown in health, and
 * the worker goes on; a queued delivery wakes a worker at once, not at the next sweep.
 */
class SendingLoopTests {

    private static final Duration STALL_AFTER = Duration.ofSeconds(1);
    /** Far away: every round in these tests is caused by a wake or the watchdog, none by the sweep. */
    private static final Duration NO_SWEEP = Duration.ofHours(1);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void aRoundThatNeverSignalsIsEndedByTheWatchdogCountedShownInHealthAndSendingResumes() {
        var rounds = new AtomicInteger();
        var completed = new AtomicInteger();
        SendingLoop.Work work = round -> {
            if (rounds.incrementAndGet() <= 2) {
                round.step("sending");
                return Mono.never(); // a lost signal: nothing ever completes this round
            }
            completed.incrementAndGet();
            return Mono.just(false);
        };
        var loop = new SendingLoop("Test sending", 1, NO_SWEEP, STALL_AFTER, work, Clock.systemUTC(), meters);
        var health = new EmailSendingHealthIndicator(loop);
        loop.start();
        try {
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);

            await().atMost(Duration.ofSeconds(10)).until(() -> stalled() >= 1);
            // The second round hangs as well, so none has completed since the watchdog stepped in.
            var down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(String.valueOf(down.getDetails().get("stalled"))).contains("'sending'");
            assertThat(meters.get("convene.emails.round.running.since").gauge().value())
                    .isPositive();

            await().atMost(Duration.ofSeconds(10)).until(() -> completed.get() >= 1);
            assertThat(stalled()).isEqualTo(2);
            assertThat(meters.get("convene.emails.rounds.stalled")
                            .tag("step", "sending")
                            .counter()
                            .count())
                    .isEqualTo(2);
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> health.health().getStatus().equals(Status.UP));
            assertThat(health.health().getDetails()).containsEntry("stalledRounds", 2L);
            assertThat(meters.get("convene.emails.round.last.completed").gauge().value())
                    .isPositive();

            // Sending resumed: a wake runs a round at once.
            var before = rounds.get();
            loop.wake();
            await().atMost(Duration.ofSeconds(2)).until(() -> rounds.get() > before);
        } finally {
            loop.stop();
        }
    }

    @Test
    void aWakeRunsARoundAtOnceAndAFailedRoundDoesNotStopTheWorker() {
        var rounds = new AtomicInteger();
        SendingLoop.Work work = round -> {
            var n = rounds.incrementAndGet();
            return n == 2 ? Mono.error(new IllegalStateException("store away")) : Mono.just(false);
        };
        var loop = new SendingLoop("Test sending", 2, NO_SWEEP, STALL_AFTER, work, Clock.systemUTC(), meters);
        loop.start();
        try {
            // Each worker sweeps once when it starts (what a crash left), then waits.
            await().atMost(Duration.ofSeconds(2)).until(() -> rounds.get() >= 1);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() <= 2);
            for (int wakes = 1; wakes <= 5; wakes++) {
                var before = rounds.get();
                loop.wake();
                await().atMost(Duration.ofSeconds(2)).until(() -> rounds.get() > before);
            }
            assertThat(loop.health().stalled()).isFalse();
        } finally {
            loop.stop();
        }
    }

    @Test
    void aRoundThatFoundAFullBatchIsFollowedAtOnceByAnother() {
        var rounds = new AtomicInteger();
        SendingLoop.Work work = round -> Mono.just(rounds.incrementAndGet() < 5);
        var loop = new SendingLoop("Test sending", 1, NO_SWEEP, STALL_AFTER, work, Clock.systemUTC(), meters);
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == 5);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> rounds.get() == 5);
        } finally {
            loop.stop();
        }
    }

    private long stalled() {
        var counter = meters.find("convene.emails.rounds.stalled").counter();
        return counter == null ? 0 : (long) counter.count();
    }
}
