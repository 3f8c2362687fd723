package org.convene.notifications.delivery.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs the email senders of this instance: {@code workers} loops, each doing one round at a time.
 * A round runs when the worker is woken ({@link #wake()}, on every queued delivery), when the
 * previous round said there is more, and at every sweep (what a crash or a back-off left).
 *
 * <p>Nothing stalls silently (invariant 7, docs/invariants.md): a round reports each step it enters and each email it
 * finishes ({@link Round#step}, {@link Round#signal}); a watchdog ends a round that has reported
 * nothing for {@code stallAfter}, logs the step it was stuck at, counts it
 * ({@code convene.emails.rounds.stalled}) and the worker goes on with a new round. Gauges say since
 * when the oldest round runs and when a round last completed; {@link #health()} says whether the
 * sender is stalled.
 */
public final class SendingLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SendingLoop.class);
    private static final Duration FINISH_ROUNDS_WITHIN = Duration.ofSeconds(20);

    /** One round of one worker; says true when there is more to do at once. */
    @FunctionalInterface
    public interface Work extends Function<Round, Mono<Boolean>> {}

    /** What a round tells the watchdog, and what the watchdog tells the round. */
    public static final class Round {
        private final int worker;
        private final long startedAt;
        private final Instant startedAtInstant;
        private final Sinks.Empty<Void> end = Sinks.empty();
        private volatile String step = "starting";
        private volatile long signalledAt;
        private volatile boolean ended;

        Round(int worker, Instant startedAt) {
            this.worker = worker;
            this.startedAt = System.nanoTime();
            this.startedAtInstant = startedAt;
            this.signalledAt = this.startedAt;
        }

        public int worker() {
            return worker;
        }

        /** Enters a step (also progress). */
        public void step(String step) {
            this.step = step;
            signal();
        }

        /** Progress within the step, e.g. one email sent. */
        public void signal() {
            signalledAt = System.nanoTime();
        }

        /** Ended by the watchdog or by shutdown: start nothing new, give back what is held. */
        public boolean ended() {
            return ended;
        }

        String currentStep() {
            return step;
        }

        Duration silentFor() {
            return Duration.ofNanos(System.nanoTime() - signalledAt);
        }

        void end() {
            ended = true;
            end.tryEmitEmpty();
        }
    }

    /** What health reports: stalled or not, and why. */
    public record Health(boolean stalled, @Nullable String reason, long stalledRounds, Instant lastCompletedAt) {}

    private final String name;
    private final int workers;
    private final Duration sweepEvery;
    private final Duration stallAfter;
    private final Work work;
    private final Clock clock;
    private final MeterRegistry meters;
    private final List<Worker> running = new ArrayList<>();
    private final AtomicInteger nextWorker = new AtomicInteger();
    private final AtomicLong lastCompletedAt = new AtomicLong();
    private final AtomicLong stalledRounds = new AtomicLong();
    private volatile boolean endedSinceLastCompleted;
    private volatile @Nullable String lastStall;
    private volatile @Nullable Scheduler watchdogTimer;
    private volatile @Nullable Disposable watchdog;

    public SendingLoop(
            String name,
            int workers,
            Duration sweepEvery,
            Duration stallAfter,
            Work work,
            Clock clock,
            MeterRegistry meters) {
        this.name = name;
        this.workers = workers;
        this.sweepEvery = sweepEvery;
        this.stallAfter = stallAfter;
        this.work = work;
        this.clock = clock;
        this.meters = meters;
        lastCompletedAt.set(clock.millis());
        Gauge.builder("convene.emails.round.running.since", this, SendingLoop::oldestRoundStartedAt)
                .description("When the oldest email-sending round under way started (epoch seconds; 0 when none)")
                .baseUnit("seconds")
                .register(meters);
        Gauge.builder("convene.emails.round.last.completed", this, loop -> loop.lastCompletedAt.get() / 1000.0)
                .description("When an email-sending round last completed (epoch seconds)")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Something became due: an idle worker takes it now, else the next one to finish a round. */
    public void wake() {
        var all = running;
        if (all.isEmpty()) {
            return;
        }
        int start = Math.floorMod(nextWorker.getAndIncrement(), all.size());
        for (int i = 0; i < all.size(); i++) {
            var worker = all.get((start + i) % all.size());
            if (worker.current == null) {
                worker.wake();
                return;
            }
        }
        all.get(start).wake();
    }

    @Override
    public synchronized void start() {
        if (!running.isEmpty()) {
            return;
        }
        for (int i = 0; i < workers; i++) {
            var worker = new Worker(i);
            running.add(worker);
            worker.start();
        }
        watchdogTimer = Schedulers.newSingle(name + "-watchdog", true);
        var check = stallAfter.dividedBy(4).compareTo(Duration.ofMillis(50)) < 0
                ? Duration.ofMillis(50)
                : stallAfter.dividedBy(4);
        watchdog = Flux.interval(check, check, watchdogTimer)
                .onBackpressureDrop()
                .subscribe(tick -> watch(), e -> log.error("{}: the watchdog stopped: {}", name, e.toString()));
    }

    @Override
    public synchronized void stop() {
        if (running.isEmpty()) {
            return;
        }
        running.forEach(Worker::stopTriggers);
        var deadline = System.nanoTime() + FINISH_ROUNDS_WITHIN.toNanos();
        for (var worker : running) {
            try {
                var left = Math.max(0, deadline - System.nanoTime());
                if (!worker.stopped.await(left, TimeUnit.NANOSECONDS)) {
                    log.warn("{}: a round did not finish within {}; ending it", name, FINISH_ROUNDS_WITHIN);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            worker.dispose();
        }
        running.clear();
        // Started with the loop: absent only when it never started.
        var dog = watchdog;
        if (dog != null) {
            dog.dispose();
        }
        var timer = watchdogTimer;
        if (timer != null) {
            timer.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return !running.isEmpty();
    }

    /** Stalled: a round reports nothing for {@code stallAfter}, or the watchdog ended one and none completed since. */
    public Health health() {
        for (var worker : List.copyOf(running)) {
            var round = worker.current;
            if (round != null && round.silentFor().compareTo(stallAfter) > 0) {
                return new Health(
                        true,
                        "a round has reported nothing for " + round.silentFor().toSeconds() + " s at step '"
                                + round.currentStep() + "'",
                        stalledRounds.get(),
                        Instant.ofEpochMilli(lastCompletedAt.get()));
            }
        }
        if (endedSinceLastCompleted) {
            return new Health(
                    true,
                    "the watchdog ended a round (" + lastStall + ") and none has completed since",
                    stalledRounds.get(),
                    Instant.ofEpochMilli(lastCompletedAt.get()));
        }
        var quietFor = Duration.ofMillis(clock.millis() - lastCompletedAt.get());
        if (isRunning() && quietFor.compareTo(sweepEvery.plus(stallAfter)) > 0) {
            return new Health(
                    true,
                    "no round has completed for " + quietFor.toSeconds() + " s",
                    stalledRounds.get(),
                    Instant.ofEpochMilli(lastCompletedAt.get()));
        }
        return new Health(false, null, stalledRounds.get(), Instant.ofEpochMilli(lastCompletedAt.get()));
    }

    private void watch() {
        for (var worker : List.copyOf(running)) {
            var round = worker.current;
            if (round == null || round.ended()) {
                continue;
            }
            var silent = round.silentFor();
            if (silent.compareTo(stallAfter) > 0) {
                var step = round.currentStep();
                lastStall = "worker " + round.worker() + " at step '" + step + "'";
                endedSinceLastCompleted = true;
                stalledRounds.incrementAndGet();
                Counter.builder("convene.emails.rounds.stalled")
                        .description("Email-sending rounds the watchdog ended because they reported no progress")
                        .tag("step", step)
                        .register(meters)
                        .increment();
                log.error(
                        "{}: round of worker {} reported nothing for {} ms at step '{}'; the watchdog ends it",
                        name,
                        round.worker(),
                        silent.toMillis(),
                        step);
                round.end();
                worker.wake();
            }
        }
    }

    private double oldestRoundStartedAt() {
        long oldest = Long.MAX_VALUE;
        for (var worker : List.copyOf(running)) {
            var round = worker.current;
            if (round != null) {
                oldest = Math.min(oldest, round.startedAtInstant.toEpochMilli());
            }
        }
        return oldest == Long.MAX_VALUE ? 0 : oldest / 1000.0;
    }

    private final class Worker {
        private final int index;
        private final CountDownLatch stopped = new CountDownLatch(1);
        private final AtomicBoolean signalled = new AtomicBoolean(true);
        private volatile Sinks.@Nullable Empty<Void> waiting;
        private volatile boolean stopping;
        private volatile @Nullable Round current;
        private volatile @Nullable Disposable subscription;

        Worker(int index) {
            this.index = index;
        }

        /** Makes the worker run a round now, or right after the one under way. */
        void wake() {
            signalled.set(true);
            var sleeping = waiting;
            if (sleeping != null) {
                sleeping.tryEmitEmpty();
            }
        }

        void start() {
            // A first round at once (what a crash left); each worker then sweeps a sweep after its own
            // last round, so their sweeps drift apart. A worker is never asleep but in awaitSignal,
            // where a wake reaches it.
            subscription = Mono.defer(this::cycle)
                    .repeat(() -> !stopping)
                    .then()
                    .doFinally(signal -> stopped.countDown())
                    .subscribe(null, e -> log.error("{}: worker {} stopped: {}", name, index, e.toString()));
        }

        /** One round, then, unless it found more to do, a wait for a signal or the sweep. */
        private Mono<Void> cycle() {
            signalled.set(false);
            return round().flatMap(more -> {
                if (more) {
                    wakeAnIdleWorkerBesides(this);
                    return Mono.<Void>empty();
                }
                return awaitSignal();
            });
        }

        private Mono<Void> awaitSignal() {
            var sleeping = Sinks.<Void>empty();
            waiting = sleeping;
            // Set before looking, so a wake either sees this sink or is seen here: none is lost.
            if (signalled.get() || stopping) {
                return Mono.empty();
            }
            // Never cleared: when the next wait has begun, it has already replaced this one (a round can
            // complete synchronously, so clearing after the wait could clear the next wait's sink).
            return Mono.firstWithSignal(
                    sleeping.asMono(), Mono.delay(sweepEvery).then());
        }

        private Mono<Boolean> round() {
            return Mono.defer(() -> {
                var round = new Round(index, clock.instant());
                current = round;
                return work.apply(round)
                        .takeUntilOther(round.end.asMono())
                        .doOnSuccess(more -> {
                            if (!round.ended()) {
                                lastCompletedAt.set(clock.millis());
                                endedSinceLastCompleted = false;
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("{}: round failed; trying again at the next signal: {}", name, e.toString());
                            return Mono.just(false);
                        })
                        .defaultIfEmpty(false)
                        .doFinally(signal -> current = null);
            });
        }

        void stopTriggers() {
            stopping = true;
            wake();
        }

        void dispose() {
            var round = current;
            if (round != null) {
                round.end();
            }
            if (subscription != null) {
                subscription.dispose();
            }
        }
    }

    private void wakeAnIdleWorkerBesides(Worker busy) {
        for (var worker : List.copyOf(running)) {
            if (worker != busy && worker.current == null) {
                worker.wake();
                return;
            }
        }
    }
}
