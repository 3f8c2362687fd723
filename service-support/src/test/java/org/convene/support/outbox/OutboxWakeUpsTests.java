package org.convene.support.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OutboxWakeUpsTests {

    /**
     * Four writers wake the relay at once while its listener is now and then held up for longer
     * than a writer used to wait (a thread that lost its core on a busy machine): every wake-up
     * still arrives, so no message waits for the sweep.
     */
    @Test
    void noWakeUpIsLostWhileTheListenerIsHeldUp() throws Exception {
        var wakeUps = new OutboxWakeUps();
        var received = ConcurrentHashMap.<Object>newKeySet();
        var delivered = new AtomicInteger();
        var listening = wakeUps.of("registrations").subscribe(id -> {
            received.add(id);
            if (delivered.incrementAndGet() % 500 == 0) {
                sleep(150);
            }
        });
        var writers = 4;
        var each = 1_000;
        try (var pool = Executors.newFixedThreadPool(writers)) {
            for (int writer = 0; writer < writers; writer++) {
                var first = writer * each;
                pool.submit(() -> {
                    for (int id = first; id < first + each; id++) {
                        wakeUps.written("registrations", id);
                    }
                });
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == writers * each);
        listening.dispose();
    }

    @Test
    void everyListenerHearsOnlyItsCollectionAndNothingAfterItStops() {
        var wakeUps = new OutboxWakeUps();
        Set<Object> registrations = ConcurrentHashMap.newKeySet();
        Set<Object> events = ConcurrentHashMap.newKeySet();
        var first = wakeUps.of("registrations").subscribe(registrations::add);
        var second = wakeUps.of("events").subscribe(events::add);

        wakeUps.written("registrations", "r-1");
        wakeUps.written("events", "e-1");
        first.dispose();
        wakeUps.written("registrations", "r-2");

        assertThat(registrations).containsExactly("r-1");
        assertThat(events).containsExactly("e-1");
        second.dispose();
        wakeUps.written("nobody-listens", "x");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
