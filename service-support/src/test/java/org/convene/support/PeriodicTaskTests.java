package org.convene.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PeriodicTaskTests {

    @Test
    void stoppingLetsTheRoundUnderWayFinishAndStartsNoOther() {
        var started = new AtomicInteger();
        var finished = new AtomicInteger();
        var task = new PeriodicTask(
                "test",
                Duration.ZERO,
                Duration.ofMillis(10),
                () -> Mono.fromRunnable(started::incrementAndGet)
                        .then(Mono.delay(Duration.ofMillis(600)))
                        .then(Mono.fromRunnable(finished::incrementAndGet)));
        task.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> started.get() == 1);

        task.stop();

        assertThat(finished.get()).isEqualTo(1);
        assertThat(task.isRunning()).isFalse();
        await().during(Duration.ofMillis(300)).until(() -> started.get() == 1);
    }

    @Test
    void aFailedRoundIsRetriedAtTheNextTick() {
        var rounds = new AtomicInteger();
        var task = new PeriodicTask(
                "test",
                Duration.ZERO,
                Duration.ofMillis(20),
                () -> Mono.fromRunnable(rounds::incrementAndGet).then(Mono.error(new IllegalStateException("boom"))));
        task.start();
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> rounds.get() >= 3);
        } finally {
            task.stop();
        }
    }
}
