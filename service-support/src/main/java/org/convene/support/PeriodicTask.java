package org.convene.support;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Work a service repeats in the background (relaying the outbox, reconciling, enforcing retention,
 * sending email): one round at a time, never overlapping, a failed round logged and retried at the
 * next tick, started and stopped with the application. Stopping lets the round under way finish
 * (up to a bound), so a shutdown does not leave work done but unrecorded — an email sent but not
 * marked sent would go out again after the restart.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);
    private static final Duration FINISH_ROUND_WITHIN = Duration.ofSeconds(20);

    private final String name;
    private final Duration initialDelay;
    private final Duration interval;
    private final Supplier<Mono<Void>> round;
    private volatile @Nullable Disposable running;
    private volatile Sinks.@Nullable One<Boolean> stopping;
    private volatile @Nullable CountDownLatch stopped;

    public PeriodicTask(String name, Duration initialDelay, Duration interval, Supplier<Mono<Void>> round) {
        this.name = name;
        this.initialDelay = initialDelay;
        this.interval = interval;
        this.round = round;
    }

    @Override
    public void start() {
        var stop = Sinks.<Boolean>one();
        var done = new CountDownLatch(1);
        stopping = stop;
        stopped = done;
        running = Flux.interval(initialDelay, interval)
                .onBackpressureDrop()
                .takeUntilOther(stop.asMono())
                .concatMap(tick -> Mono.defer(round).onErrorResume(e -> {
                    log.warn("{} round failed; retrying at the next tick: {}", name, e.toString());
                    return Mono.empty();
                }))
                .doFinally(signal -> done.countDown())
                .subscribe();
    }

    @Override
    public void stop() {
        var current = running;
        var stop = stopping;
        var done = stopped;
        // start() sets all three before running, so a started task has them all.
        if (current == null || stop == null || done == null) {
            return;
        }
        stop.tryEmitValue(true);
        try {
            if (!done.await(FINISH_ROUND_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{}: the round under way did not finish within {}; stopping it", name, FINISH_ROUND_WITHIN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        current.dispose();
        running = null;
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
