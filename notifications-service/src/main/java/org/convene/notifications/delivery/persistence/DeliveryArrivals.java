package org.convene.notifications.delivery.persistence;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.scheduler.Schedulers;

/**
 * Hands deliveries this instance just queued (or gave back) to its senders, in memory, and wakes
 * them: a sender claims a handed delivery by {@code _id} and the lease value it was handed with,
 * which one unique index serves, instead of searching the queue for what is due. Searching is a
 * scan of {@code deliveries} on the embedded store (it ignores the non-unique index that serves it
 * on MongoDB), and that collection keeps every email sent for the retention period, so each email
 * found by a search cost more than the one before.
 *
 * <p>Only a hint: a delivery handed here and lost (a crash, more than {@link #HELD_AT_MOST} held)
 * costs latency, never an email: the senders' sweep finds it. A delivery handed to two instances'
 * senders is claimed by one: the lease value changes with the first claim.
 */
@Component
public class DeliveryArrivals {

    /** Beyond this many waiting in memory, the sweep finds the rest (at once: one is asked for). */
    static final int HELD_AT_MOST = 20_000;

    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<Delivery> handed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger held = new AtomicInteger();
    private final AtomicBoolean sweepWanted = new AtomicBoolean();

    public void onArrival(Runnable listener) {
        listeners.add(listener);
    }

    /** A delivery is due now, as given (its lease value is the one a claim must name). */
    public void arrived(Delivery delivery) {
        if (held.incrementAndGet() <= HELD_AT_MOST) {
            handed.offer(delivery);
        } else {
            held.decrementAndGet();
            sweepWanted.set(true);
        }
        wake();
    }

    /**
     * Deliveries a sweep found due, as it saw them: handed over, and as many workers woken as they
     * make batches of.
     */
    public void handOver(List<Delivery> found) {
        for (var delivery : found) {
            if (held.incrementAndGet() <= HELD_AT_MOST) {
                handed.offer(delivery);
            } else {
                held.decrementAndGet();
                sweepWanted.set(true);
                break;
            }
        }
        for (int i = 0; i < Math.min(found.size(), 8); i++) {
            wake();
        }
    }

    /** How many are handed over and not yet taken. */
    public int waiting() {
        return Math.max(0, held.get());
    }

    /** A delivery given back for later becomes due then: handed over at that moment (if the process still runs). */
    public void dueIn(Duration delay, Delivery delivery) {
        Schedulers.parallel().schedule(() -> arrived(delivery), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
    }

    /** Up to {@code max} deliveries handed over, oldest first. */
    public List<Delivery> take(int max) {
        var taken = new ArrayList<Delivery>(Math.min(max, 64));
        while (taken.size() < max) {
            var next = handed.poll();
            if (next == null) {
                break;
            }
            held.decrementAndGet();
            taken.add(next);
        }
        return taken;
    }

    /** Whether something due was not handed over, so a sweep should look now; asking clears it. */
    public boolean takeSweepWanted() {
        return sweepWanted.getAndSet(false);
    }

    private void wake() {
        for (var listener : listeners) {
            listener.run();
        }
    }
}
