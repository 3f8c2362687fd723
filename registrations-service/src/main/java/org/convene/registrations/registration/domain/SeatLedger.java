package org.convene.registrations.registration.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * THE CAPACITY RULE and THE QUEUE RULE (ADR 6), as one event's seat ledger decides them.
 *
 * <ul>
 *   <li>A new arrival gets its seats only if they fit in the seats left and nobody is waiting (so it
 *       cannot overtake the queue); otherwise it joins the end of the queue, and its place is its
 *       index there. A party that already holds seats or already waits is told what it has, never
 *       given more.
 *   <li>Seats are taken whole, only while the event is published, only if they fit, and at most
 *       once per registration: a holder is recorded with its seats, and releasing gives back what
 *       it held, once.
 *   <li>The queue is kept in the order parties joined; a party joins once, and never while it holds
 *       seats; leaving moves everyone behind it up one place.
 * </ul>
 *
 * <p>Places an organiser holds for an invitation are kept from everyone else until their release
 * ({@link Holds}, THE ALLOCATION RULE, ADR 13); each holder records where its seats came from. Only an
 * organiser splits a waiting group ({@link #acceptPart}): the rest keeps the group's place as its own
 * party.
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
    /** Every holder by registration id, with its seats and where they came from. */
    private final Map<String, SeatLedgers.Queued> holders;

    private final List<SeatLedgers.Queued> queue;
    private final Holds holds;
    /** Places by registration id; rebuilt after a party leaves, which moves everyone behind it. */
    private @Nullable Map<String, Integer> placeInQueue;

    private boolean changed;

    /** A ledger without places held for anyone. */
    public SeatLedger(
            String status,
            long version,
            int seatsLeft,
            int seatsTaken,
            List<SeatLedgers.Queued> holders,
            List<SeatLedgers.Queued> queue) {
        this(status, version, seatsLeft, seatsTaken, holders, queue, List.of(), java.time.Instant.EPOCH);
    }

    /**
     * The ledger as read.
     *
     * @param holders every party holding seats, with the seats it holds and the invitation whose
     *     held places it took (null: general sale)
     * @param queue every party waiting, head first, with the invitation it registered with
     * @param invitations the event's invitations as last announced, whose places are held ({@link Holds})
     * @param now when this decision is made: places past their release are held no longer
     */
    public SeatLedger(
            String status,
            long version,
            int seatsLeft,
            int seatsTaken,
            List<SeatLedgers.Queued> holders,
            List<SeatLedgers.Queued> queue,
            List<Invitation> invitations,
            java.time.Instant now) {
        this.status = status;
        this.version = version;
        this.seatsLeft = seatsLeft;
        this.seatsTaken = seatsTaken;
        this.holders = new LinkedHashMap<>();
        var used = new HashMap<String, Integer>();
        holders.forEach(holder -> {
            this.holders.put(holder.registration().value(), holder);
            if (holder.invitation() != null) {
                used.merge(holder.invitation(), holder.seats(), Integer::sum);
            }
        });
        this.queue = new ArrayList<>(queue);
        this.holds = new Holds(invitations, used, now);
    }

    /**
     * A new arrival: seats if they fit and nobody waits; otherwise the end of the queue, unless it
     * already holds {@code maxWaiting} parties.
     */
    public Admission admit(RegistrationId registration, int seats, int maxWaiting) {
        return admit(registration, seats, null, maxWaiting);
    }

    /**
     * A new arrival with an invitation (null: none), which may take the places held for it. Such a
     * party cannot overtake a party of the same invitation that waits; the others waiting cannot use
     * those places anyway.
     */
    public Admission admit(RegistrationId registration, int seats, @Nullable String invitation, int maxWaiting) {
        var id = registration.value();
        if (holders.containsKey(id)) {
            return Admission.seated();
        }
        var place = places().get(id);
        if (place != null) {
            return new Admission(Outcome.QUEUED, place, seatsLeft);
        }
        if ("CANCELLED".equals(status)) {
            return new Admission(Outcome.EVENT_CANCELLED, 0);
        }
        if (take(registration, seats, invitation, true)) {
            return Admission.seated();
        }
        if (queue.size() >= maxWaiting) {
            return new Admission(Outcome.WAITING_LIST_FULL, 0);
        }
        join(registration, seats, invitation);
        return new Admission(Outcome.QUEUED, queue.size(), seatsLeft);
    }

    /**
     * Gives the registration its seats if the event is published, they fit, and it holds none yet;
     * a party served from the queue takes them with the invitation it waits with. A new arrival
     * must also find nobody waiting who could use the same seats, so it cannot overtake the queue;
     * a party served from the queue keeps its place until it is recorded as confirmed and {@link
     * #leave leaves}.
     */
    public boolean take(RegistrationId registration, int seats, boolean newArrival) {
        var place = places().get(registration.value());
        var invitation = place == null ? null : queue.get(place - 1).invitation();
        return take(registration, seats, invitation, newArrival);
    }

    private boolean take(RegistrationId registration, int seats, @Nullable String invitation, boolean newArrival) {
        var id = registration.value();
        if (!"PUBLISHED".equals(status) || holders.containsKey(id)) {
            return false;
        }
        var source = holds.sourceFor(invitation, seats, seatsLeft);
        if (source == null || (newArrival && waitsAhead(source))) {
            return false;
        }
        seatsLeft -= seats;
        seatsTaken += seats;
        holders.put(id, new SeatLedgers.Queued(registration, seats, source.invitation()));
        holds.took(source, seats);
        changed = true;
        return true;
    }

    /** Whether someone waits who could use the seats of this source: anyone for general sale. */
    private boolean waitsAhead(Holds.Source source) {
        if (source.invitation() == null) {
            return !queue.isEmpty();
        }
        return queue.stream().anyMatch(waiting -> source.invitation().equals(waiting.invitation()));
    }

    /** Gives back the seats the registration holds, as recorded when it took them; false if it holds none. */
    public boolean release(RegistrationId registration, int seats) {
        var held = holders.remove(registration.value());
        if (held == null) {
            return false;
        }
        holds.gaveBack(new Holds.Source(held.invitation()), held.seats());
        seatsLeft += held.seats();
        seatsTaken -= held.seats();
        changed = true;
        return true;
    }

    /**
     * An organiser accepts part of a waiting group by hand: the part takes {@code accepted} seats
     * where the group may take them, if they fit (the organiser chose it, so it may pass those ahead),
     * and the rest keeps the group's place in the queue with {@code rest} seats as the party {@link
     * RegistrationId#restOfGroup}. Asked again once done, it answers true and changes nothing, so a
     * retry after a crash finishes the registration's side.
     */
    public boolean acceptPart(RegistrationId registration, int accepted, int rest) {
        var id = registration.value();
        var restParty = RegistrationId.restOfGroup(registration);
        var place = places().get(id);
        if (place == null) {
            var held = holders.get(id);
            var restPlace = places().get(restParty.value());
            return held != null
                    && held.seats() == accepted
                    && restPlace != null
                    && queue.get(restPlace - 1).seats() == rest;
        }
        var waiting = queue.get(place - 1);
        if (!"PUBLISHED".equals(status) || holders.containsKey(id) || waiting.seats() != accepted + rest) {
            return false;
        }
        var source = holds.sourceFor(waiting.invitation(), accepted, seatsLeft);
        if (source == null) {
            return false;
        }
        seatsLeft -= accepted;
        seatsTaken += accepted;
        holders.put(id, new SeatLedgers.Queued(registration, accepted, source.invitation()));
        holds.took(source, accepted);
        queue.set(place - 1, new SeatLedgers.Queued(restParty, rest, waiting.invitation()));
        placeInQueue = null;
        changed = true;
        return true;
    }

    /**
     * A party changes size (a worker adds or removes a young person of their group). Holding seats,
     * it gives back what it no longer needs, or takes one more only if it fits and nobody waits (it
     * would overtake the queue otherwise); waiting, it keeps its place with its new size. False if
     * the party neither holds nor waits, or cannot grow now; then nothing changes.
     */
    public boolean resize(RegistrationId registration, int seats) {
        var id = registration.value();
        var held = holders.get(id);
        if (held != null) {
            var more = seats - held.seats();
            var source = new Holds.Source(held.invitation());
            if (more > 0 && (!"PUBLISHED".equals(status) || !roomToGrow(source, more))) {
                return false;
            }
            seatsLeft -= more;
            seatsTaken += more;
            holders.put(id, new SeatLedgers.Queued(registration, seats, held.invitation()));
            holds.took(source, more);
            changed = changed || more != 0;
            return true;
        }
        var place = places().get(id);
        if (place == null) {
            return false;
        }
        var waiting = queue.get(place - 1);
        queue.set(place - 1, new SeatLedgers.Queued(registration, seats, waiting.invitation()));
        changed = true;
        return true;
    }

    /**
     * A party grows within where its seats came from: its invitation's held places while they are
     * held, otherwise general sale, and only while nobody waits who could use them.
     */
    private boolean roomToGrow(Holds.Source source, int more) {
        if (source.invitation() != null && holds.holdsFor(source.invitation())) {
            return more <= Math.min(holds.unusedFor(source.invitation()), seatsLeft) && !waitsAhead(source);
        }
        return more <= holds.generalSale(seatsLeft) && queue.isEmpty();
    }

    /** Puts the registration at the end of the queue, unless it already waits or holds seats. */
    public boolean join(RegistrationId registration, int seats) {
        return join(registration, seats, null);
    }

    /** The same, for a party with an invitation: it waits with it, to take its held places when served. */
    public boolean join(RegistrationId registration, int seats, @Nullable String invitation) {
        var id = registration.value();
        if (holders.containsKey(id) || places().containsKey(id)) {
            return false;
        }
        queue.add(new SeatLedgers.Queued(registration, seats, invitation));
        places().put(id, queue.size());
        changed = true;
        return true;
    }

    /** Takes the registration out of the queue; false if it was not in it. */
    public boolean leave(RegistrationId registration) {
        var place = places().get(registration.value());
        if (place == null) {
            return false;
        }
        queue.remove(place - 1);
        placeInQueue = null;
        changed = true;
        return true;
    }

    public boolean holds(RegistrationId registration) {
        return holders.containsKey(registration.value());
    }

    /** The registration's place in the queue, 1 for the head; 0 if it is not in it. */
    public long placeOf(RegistrationId registration) {
        var place = places().get(registration.value());
        return place == null ? 0 : place;
    }

    private Map<String, Integer> places() {
        var places = placeInQueue;
        if (places == null) {
            places = new HashMap<>();
            for (int at = 0; at < queue.size(); at++) {
                places.put(queue.get(at).registration().value(), at + 1);
            }
            placeInQueue = places;
        }
        return places;
    }

    /** Whether anything changed the ledger, so it must be written. */
    public boolean changed() {
        return changed;
    }

    /** The version the ledger was read at: the write must find it unchanged. */
    public long version() {
        return version;
    }

    public String status() {
        return status;
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

    /** Every party holding seats, in the order they took them. */
    public List<SeatLedgers.Queued> holders() {
        return new ArrayList<>(holders.values());
    }

    /**
     * The parties waiting whose seats could be given now, head first: each fits the seats its
     * invitation may take ({@link Holds}); a party that fits nowhere is passed over, not skipped for
     * good (ADR 6).
     */
    public List<SeatLedgers.Queued> servable() {
        if (!"PUBLISHED".equals(status) || seatsLeft <= 0) {
            return List.of();
        }
        return queue.stream()
                .filter(waiting -> holds.sourceFor(waiting.invitation(), waiting.seats(), seatsLeft) != null)
                .toList();
    }

    /** Seats taken from each invitation's held places. */
    public Map<String, Integer> seatsTakenByInvitation() {
        return holds.used();
    }

    /** Every party waiting, head first. */
    public List<SeatLedgers.Queued> queue() {
        return List.copyOf(queue);
    }
}
