package org.convene.support;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work a service repeats in the background (relaying the outbox, reconciling, enforcing retention,
 * refreshing gauges): one round at a time, never overlapping, a failed round logged and retried at
 * the next tick, started and stopped with the application.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Supplier<Mono<Void>> round;
    private volatile Disposable running;

    public PeriodicTask(String name, Duration initialDelay, Duration interval, Supplier<Mono<Void>> round) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.round = round;
    }

    @Override
    public void start() {
        running = Flux.interval(initialDelay, interval)
                .onBackpressureDrop()
                .concatMap(tick -> Mono.defer(round).onErrorResume(e -> {
                    log.warn("{} round failed; retrying at the next tick: {}", name, e.toString());
                    return Mono.empty();
                }))
                .subscribe();
    }

    @Override
    public void stop() {
        var current = running;
        if (current != null) {
            current.dispose();
        }
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
