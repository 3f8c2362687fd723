package org.convene.notifications.delivery.persistence;

import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * Tells the senders of this instance that a delivery was just queued, so it goes out now rather
 * than at the next sweep. Only a hint: a lost one costs latency (the sweep finds the delivery),
 * never an email.
 */
@Component
public class DeliveryArrivals {

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();

    public void onArrival(Runnable listener) {
        listeners.add(listener);
    }

    /** A delivery given back for later becomes due then: say so at that moment (if the process still runs). */
    public void dueIn(Duration delay) {
        Schedulers.parallel().schedule(this::arrived, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    public void arrived() {
        for (var listener : listeners) {
            listener.run();
        }
    }
}
