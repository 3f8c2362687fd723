package org.convene.support.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Tells the outbox relays of this process which document just got messages, so they publish at
 * once instead of finding it by a search (ADR 2). A lost wake-up costs latency only: the relay's
 * sweep finds every document with waiting messages within its interval.
 */
public class OutboxWakeUps {

    /** Emitters race on a busy burst; the sink admits one at a time, so a caller waits its turn briefly. */
    private static final Sinks.EmitFailureHandler WAIT_BRIEFLY =
            Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100));

    private final Map<String, Sinks.Many<Object>> byCollection = new ConcurrentHashMap<>();

    /** The document {@code id} of {@code collection} now has messages waiting in its outbox. */
    public void written(String collection, Object id) {
        try {
            sink(collection).emitNext(id, WAIT_BRIEFLY);
        } catch (Sinks.EmissionException dropped) {
            // Nobody listening, or still busy after the wait: the sweep will find the document.
        }
    }

    /** The ids written to {@code collection} from now on; every subscriber sees every id. */
    public Flux<Object> of(String collection) {
        return sink(collection).asFlux();
    }

    private Sinks.Many<Object> sink(String collection) {
        return byCollection.computeIfAbsent(
                collection, name -> Sinks.many().multicast().directBestEffort());
    }
}
