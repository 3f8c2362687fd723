package org.convene.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.HashSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Request ids without SecureRandom, and an access log that no request waits for. */
class RequestIdsAndAccessLogTests {

    @Test
    void newRequestIdsAreVersion4UuidsAndDoNotRepeat() {
        var seen = new HashSet<String>();
        for (int i = 0; i < 200_000; i++) {
            var id = RequestIdFilter.newId();
            assertThat(seen.add(id)).as("unique").isTrue();
            if (i < 1_000) {
                assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
                var uuid = UUID.fromString(id);
                assertThat(uuid.version()).isEqualTo(4);
                assertThat(uuid.variant()).isEqualTo(2);
            }
        }
    }

    @Test
    void idsFromManyThreadsDoNotCollide() throws InterruptedException {
        var ids = ConcurrentHashMap.<String>newKeySet();
        var threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 50_000; i++) {
                    ids.add(RequestIdFilter.newId());
                }
            });
        }
        for (var thread : threads) {
            thread.join();
        }
        assertThat(ids).hasSize(200_000);
    }

    @Test
    void accessLinesAreWrittenByAnotherThreadAndKeepTheRequestId() throws Exception {
        var context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger access = context.getLogger("test.async-access." + UUID.randomUUID());
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        var written = new ListAppender<ILoggingEvent>() {
            volatile String writer;

            @Override
            protected void append(ILoggingEvent event) {
                writer = Thread.currentThread().getName();
                super.append(event);
            }
        };
        written.setContext(context);
        written.start();
        var async = AsyncAccessLog.install(access, written);

        try (var ignored = MDC.putCloseable(RequestIdFilter.MDC_KEY, "req-42")) {
            access.info("{} {} {} {} ms", "GET", "events", 200, 3);
        }
        MDC.clear();

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !written.list.isEmpty());
        async.stop();
        assertThat(written.list).hasSize(1);
        var line = written.list.getFirst();
        assertThat(line.getFormattedMessage()).isEqualTo("GET events 200 3 ms");
        assertThat(line.getMDCPropertyMap()).containsEntry(RequestIdFilter.MDC_KEY, "req-42");
        assertThat(written.writer).isNotEqualTo(Thread.currentThread().getName());
    }
}
