package org.convene.support.outbox;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Tells the outbox relays of this process which document just got messages, so they publish at
 * once instead of finding it by a search (ADR 2).
 *
 * <p>No wake-up is dropped: each listener has a sink that many threads may feed at once (Reactor
 * queues what arrives while another thread is delivering, and that thread delivers it too). The
 * first version used a sink that admits one emitter at a time and gave a waiting emitter up after
 * 100 ms: on a busy machine an emitter's thread lost its core for longer now and then, and the
 * messages of that moment waited for the relay's sweep (about 5 s; 2 of 3,000 emails at 50/s).
 * The sweep still finds what a crash left.
 */
public class OutboxWakeUps {

    private final Map<String, Set<FluxSink<Object>>> listeners = new ConcurrentHashMap<>();

    /** The document {@code id} of {@code collection} now has messages waiting in its outbox. */
    public void written(String collection, Object id) {
        var listening = listeners.get(collection);
        if (listening != null) {
            listening.forEach(listener -> listener.next(id));
        }
    }

    /** The ids written to {@code collection} from now on; every subscriber sees every id. */
    public Flux<Object> of(String collection) {
        return Flux.create(
                listener -> {
                    var listening = listeners.computeIfAbsent(collection, name -> ConcurrentHashMap.newKeySet());
                    listening.add(listener);
                    listener.onDispose(() -> listening.remove(listener));
                },
                FluxSink.OverflowStrategy.BUFFER);
    }
}
