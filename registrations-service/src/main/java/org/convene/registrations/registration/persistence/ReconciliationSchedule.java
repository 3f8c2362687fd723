package org.convene.registrations.registration.persistence;

import java.time.Duration;
import org.convene.registrations.registration.domain.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs reconciliation at start and then every so often. Safe on several instances at once: every
 * repair is a conditional update that only one of them can make.
 */
@Component
class ReconciliationSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSchedule.class);

    private final Reconciliation reconciliation;
    private final Duration interval;
    private volatile Disposable running;

    ReconciliationSchedule(
            Reconciliation reconciliation, @Value("${convene.registrations.reconcile-every:15s}") Duration interval) {
        this.reconciliation = reconciliation;
        this.interval = interval;
    }

    @Override
    public void start() {
        running = Flux.interval(Duration.ZERO, interval)
                .onBackpressureDrop()
                .concatMap(tick -> reconciliation.run().onErrorResume(e -> {
                    log.warn("Reconciliation round failed; will retry: {}", e.toString());
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
