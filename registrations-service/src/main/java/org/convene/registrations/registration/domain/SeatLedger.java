package org.convene.registrations.registration.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * THE CAPACITY RULE and THE QUEUE RULE for new arrivals (ADR 6), as one event's seat ledger decides
 * them. A party gets its seats only if they fit in the seats left and nobody is waiting (so it cannot
 * overtake the queue); otherwise it joins the end of the queue, and its place is its index there.
 * A party that already holds seats or already waits is told what it has, never given more.
 *
 * <p>This class only decides, on a copy of the ledger as read at one version; the ledger is then
 * written back only if it is still at that version (a compare-and-set on the whole document), so
 * two deciders never both spend the same seat or hand out the same place. Seats confirmed therefore
 * never exceed capacity, and places are unique, whatever runs at once on any number of instances.
 */
public final class SeatLedger {

    /** What a party was given. */
    public enum Outcome {
        /** It holds its seats. */
        SEATED,
        /** It waits in the queue at {@link Admission#position()}. */
        QUEUED,
        /** The queue is as long as this service keeps one; nothing was given. */
        WAITING_LIST_FULL,
        /** The event was cancelled before the party arrived; nothing was given. */
        EVENT_CANCELLED
    }

    /**
     * The decision for one party; the position is 1 for the head of the queue, 0 when not queued; the
     * seats left just after it (a party queued while seats are left may let someone behind the head
     * be served).
     */
    public record Admission(Outcome outcome, long position, int seatsLeft) {

        public Admission(Outcome outcome, long position) {
            this(outcome, position, 0);
        }

        public static Admission seated() {
            return new Admission(Outcome.SEATED, 0);
        }
    }

    private final String status;
    private final long version;
    private int seatsLeft;
    private int seatsTaken;
    private final Map<String, Integer> holders;
    private final List<SeatLedgers.Queued> queue;
    private final Map<String, Integer> placeInQueue = new HashMap<>();
    private final List<SeatLedgers.Queued> newHolders = new ArrayList<>();
    private final List<SeatLedgers.Queued> newlyQueued = new ArrayList<>();

    /**
     * The ledger as read.
     *
     * @param holders every party holding seats, with the seats it holds
     * @param queue every party waiting, head first
     */
    public SeatLedger(
            String status,
            long version,
            int seatsLeft,
            int seatsTaken,
            List<SeatLedgers.Queued> holders,
            List<SeatLedgers.Queued> queue) {
        this.status = status;
        this.version = version;
        this.seatsLeft = seatsLeft;
        this.seatsTaken = seatsTaken;
        this.holders = new LinkedHashMap<>();
        holders.forEach(holder -> this.holders.put(holder.registration().value(), holder.seats()));
        this.queue = new ArrayList<>(queue);
        for (int at = 0; at < this.queue.size(); at++) {
            placeInQueue.put(this.queue.get(at).registration().value(), at + 1);
        }
    }

    /**
     * Seats if they fit and nobody waits; otherwise the end of the queue, unless it already holds
     * {@code maxWaiting} parties.
     */
    public Admission admit(RegistrationId registration, int seats, int maxWaiting) {
        var id = registration.value();
        if (holders.containsKey(id)) {
            return Admission.seated();
        }
        var place = placeInQueue.get(id);
        if (place != null) {
            return new Admission(Outcome.QUEUED, place, seatsLeft);
        }
        if ("CANCELLED".equals(status)) {
            return new Admission(Outcome.EVENT_CANCELLED, 0);
        }
        if ("PUBLISHED".equals(status) && queue.isEmpty() && seatsLeft >= seats) {
            seatsLeft -= seats;
            seatsTaken += seats;
            holders.put(id, seats);
            newHolders.add(new SeatLedgers.Queued(registration, seats));
            return Admission.seated();
        }
        if (queue.size() >= maxWaiting) {
            return new Admission(Outcome.WAITING_LIST_FULL, 0);
        }
        var queued = new SeatLedgers.Queued(registration, seats);
        queue.add(queued);
        newlyQueued.add(queued);
        placeInQueue.put(id, queue.size());
        return new Admission(Outcome.QUEUED, queue.size(), seatsLeft);
    }

    /** Whether any admission changed the ledger, so it must be written. */
    public boolean changed() {
        return !newHolders.isEmpty() || !newlyQueued.isEmpty();
    }

    /** The version the ledger was read at: the write must find it unchanged. */
    public long version() {
        return version;
    }

    public int seatsLeft() {
        return seatsLeft;
    }

    public int seatsTaken() {
        return seatsTaken;
    }

    public int waiting() {
        return queue.size();
    }

    /** Parties given seats since the ledger was read, in order. */
    public List<SeatLedgers.Queued> newHolders() {
        return List.copyOf(newHolders);
    }

    /** Parties that joined the queue since the ledger was read, in order. */
    public List<SeatLedgers.Queued> newlyQueued() {
        return List.copyOf(newlyQueued);
    }
}
