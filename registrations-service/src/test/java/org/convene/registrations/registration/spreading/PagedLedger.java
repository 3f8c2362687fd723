package org.convene.registrations.registration.spreading;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedger;
import org.convene.registrations.registration.domain.SeatLedgers.Queued;

/**
 * ADR 19 in miniature: one event's seat ledger as a small head document plus immutable pages, decided
 * in groups by {@link SeatLedger} (the production rule, unchanged) at one desk per event per instance,
 * and committed by a compare-and-set of the head.
 *
 * <ul>
 *   <li>The head holds the counts, the id of the last page, and its version. A page holds what one
 *       group changed, in order (a party took seats, gave them back, joined or left the queue, and what
 *       each person was told), the id of the page before it and, every {@link #SNAPSHOT_EVERY} pages, the
 *       whole lists as they stand after it, so a reader never walks far back.
 *   <li>A group is written as: insert its page (a new id, so it can never overwrite anything), then move
 *       the head from the version the group was decided on to the next, pointing at that page. The
 *       group stands if and only if the head moved; a page whose head write failed is never read.
 *   <li>Each instance has a desk per event, but requests for an event are routed to its owner, so one
 *       desk writes nearly all its groups and keeps the ledger in memory; when the owner changes, or a
 *       request goes to another instance, two desks write at once and the compare-and-set decides.
 *   <li>Every group serves the queue before it is written: seats freed or left are given, in queue
 *       order, to the first party that fits, in the same write (no separate promotion step).
 * </ul>
 */
final class PagedLedger {

    /** A page carries the whole lists this often, so rebuilding the ledger reads at most this many pages. */
    static final int SNAPSHOT_EVERY = 32;

    private static final int MAX_GROUP = 256;
    private static final int MAX_WAITING = Integer.MAX_VALUE;

    enum Kind {
        /** A party took seats. */
        HOLD,
        /** A party gave its seats back. */
        RELEASE,
        /** A party joined the end of the queue. */
        JOIN,
        /** A party left the queue (served or cancelled). */
        LEAVE,
        /** The person was told they have their seats. */
        TOLD_SEATED,
        /** The person was told their place in the queue ({@code seats} holds the place). */
        TOLD_QUEUED
    }

    /** The queue rule the desks follow; the broken ones are controls for {@link LedgerAudit}. */
    enum Rules {
        /** ADR 6: freed seats go to the first party in queue order that fits. */
        FAIR,
        /** Broken: freed seats go to the last party that fits, the newest arrival. */
        SERVE_NEWEST_FIRST,
        /** Broken: freed seats are left for the next new arrival; nobody waiting is served. */
        NEVER_SERVE
    }

    record Op(Kind kind, String registration, int seats) {}

    record Head(
            String status,
            int capacity,
            int seatsLeft,
            int seatsTaken,
            int waiting,
            String lastPage,
            int sinceSnapshot) {}

    record Lists(List<Queued> holders, List<Queued> queue) {}

    record Page(String id, String previous, List<Op> ops, Lists snapshot) {}

    /** An answer, the page it was committed in (null: nothing changed, read only) and the ledger version it reflects. */
    record Decided<R>(R value, String page, long version) {}

    /** The instance crashed while deciding: the person's request failed and is sent again. */
    static final class Crashed extends RuntimeException {
        Crashed() {
            super("crashed", null, false, false);
        }
    }

    /** A change decided at a desk; it records what it changed in {@code ops}, in order. */
    interface Decision<R> {
        R decide(SeatLedger ledger, List<Op> ops);
    }

    private final ModelStore store;
    private final String event;
    private final String headId;
    private final double crashShare;
    private final List<ConcurrentHashMap<String, Desk>> instances = new ArrayList<>();
    private final AtomicLong groups = new AtomicLong();
    private final AtomicLong changesWritten = new AtomicLong();
    private final AtomicLong rereads = new AtomicLong();
    private final AtomicLong crashes = new AtomicLong();

    PagedLedger(ModelStore store, String event, int capacity, int instances, double crashShare) {
        this.store = store;
        this.event = event;
        this.headId = "ledger/" + event;
        this.crashShare = crashShare;
        for (int i = 0; i < instances; i++) {
            this.instances.add(new ConcurrentHashMap<>());
        }
        store.insert(headId, new Head("PUBLISHED", capacity, capacity, 0, 0, null, 0));
    }

    String headId() {
        return headId;
    }

    /** Decides the change at the desk of the given instance; waits for the answer. */
    <R> Decided<R> decide(int instance, Decision<R> decision) {
        var answer = new CompletableFuture<Decided<?>>();
        instances.get(instance).computeIfAbsent(event, any -> new Desk()).submit(new Change(decision, answer));
        try {
            @SuppressWarnings("unchecked")
            var decided = (Decided<R>) answer.join();
            return decided;
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof Crashed crashed) {
                throw crashed;
            }
            throw e;
        }
    }

    /** The ledger as stored now: the head, then the pages back to the last snapshot, replayed. */
    Known read() {
        var stored = store.read(headId);
        var head = (Head) stored.value();
        var pages = new ArrayList<Page>();
        var pageId = head.lastPage();
        while (pageId != null) {
            var page = (Page) store.read(pageId).value();
            pages.add(page);
            if (page.snapshot() != null) {
                break;
            }
            pageId = page.previous();
        }
        var holders = new java.util.LinkedHashMap<String, Queued>();
        var queue = new java.util.LinkedHashMap<String, Queued>();
        for (int i = pages.size() - 1; i >= 0; i--) {
            var page = pages.get(i);
            if (page.snapshot() != null) {
                page.snapshot()
                        .holders()
                        .forEach(party -> holders.put(party.registration().value(), party));
                page.snapshot()
                        .queue()
                        .forEach(party -> queue.put(party.registration().value(), party));
                continue;
            }
            for (var op : page.ops()) {
                var party = new Queued(new RegistrationId(op.registration()), op.seats());
                switch (op.kind()) {
                    case HOLD -> holders.put(op.registration(), party);
                    case RELEASE -> holders.remove(op.registration());
                    case JOIN -> queue.put(op.registration(), party);
                    case LEAVE -> queue.remove(op.registration());
                    default -> {}
                }
            }
        }
        return new Known(stored.version(), head, List.copyOf(holders.values()), List.copyOf(queue.values()));
    }

    /** The ledger as a desk knows it: head, version and both lists. */
    record Known(long version, Head head, List<Queued> holders, List<Queued> queue) {

        SeatLedger ledger() {
            return new SeatLedger(head.status(), version, head.seatsLeft(), head.seatsTaken(), holders, queue);
        }
    }

    /**
     * Serves the queue on the ledger being decided: while a waiting party fits the seats left, the
     * first in queue order takes them and leaves the queue. Returns the indexes in {@code ops} of the
     * seats taken, so each promoted person can be told in ledger order.
     */
    static List<Integer> serve(Rules rules, SeatLedger ledger, List<Op> ops) {
        var promoted = new ArrayList<Integer>();
        while (true) {
            var servable = ledger.servable();
            if (servable.isEmpty() || rules == Rules.NEVER_SERVE) {
                return promoted;
            }
            var next = rules == Rules.SERVE_NEWEST_FIRST ? servable.getLast() : servable.getFirst();
            if (!ledger.take(next.registration(), next.seats(), false)) {
                throw new IllegalStateException("a servable party could not take its seats");
            }
            promoted.add(ops.size());
            ops.add(new Op(Kind.HOLD, next.registration().value(), next.seats()));
            ledger.leave(next.registration());
            ops.add(new Op(Kind.LEAVE, next.registration().value(), next.seats()));
        }
    }

    /** What admitting a new arrival gives: seats, or a place, and where in the page the person was told. */
    record Admitted(boolean seated, long position, int toldAt, List<Op> promoted, List<Integer> promotedAt) {}

    static Decision<Admitted> admit(Rules rules, String registration, int seats) {
        var id = new RegistrationId(registration);
        return (ledger, ops) -> {
            var held = ledger.holds(id);
            var place = ledger.placeOf(id);
            ledger.admit(id, seats, MAX_WAITING);
            if (!held && ledger.holds(id)) {
                ops.add(new Op(Kind.HOLD, registration, seats));
            }
            if (place == 0 && ledger.placeOf(id) > 0) {
                ops.add(new Op(Kind.JOIN, registration, seats));
            }
            // Someone behind a head that does not fit may fit the seats left: this arrival, or another.
            var promotedAt = serve(rules, ledger, ops);
            var promoted = promotedAt.stream().map(ops::get).toList();
            var toldAt = ops.size();
            if (ledger.holds(id)) {
                ops.add(new Op(Kind.TOLD_SEATED, registration, seats));
                return new Admitted(true, 0, toldAt, promoted, promotedAt);
            }
            var now = ledger.placeOf(id);
            ops.add(new Op(Kind.TOLD_QUEUED, registration, (int) now));
            return new Admitted(false, now, toldAt, promoted, promotedAt);
        };
    }

    /** What a cancellation did, where in the page, and who was promoted by it (registration, index of its seats taken). */
    record Cancelled(boolean changed, int at, List<Op> promoted, List<Integer> promotedAt) {}

    static Decision<Cancelled> cancel(Rules rules, String registration, int seats) {
        var id = new RegistrationId(registration);
        return (ledger, ops) -> {
            var at = ops.size();
            var changed = false;
            if (ledger.release(id, seats)) {
                ops.add(new Op(Kind.RELEASE, registration, seats));
                changed = true;
            } else if (ledger.leave(id)) {
                ops.add(new Op(Kind.LEAVE, registration, seats));
                changed = true;
            }
            var promotedAt = serve(rules, ledger, ops);
            var promoted = promotedAt.stream().map(ops::get).toList();
            return new Cancelled(changed, at, promoted, promotedAt);
        };
    }

    long groups() {
        return groups.get();
    }

    long changesWritten() {
        return changesWritten.get();
    }

    long rereads() {
        return rereads.get();
    }

    long crashes() {
        return crashes.get();
    }

    private record Change(Decision<?> decision, CompletableFuture<Decided<?>> answer) {}

    /** One event's desk in one instance: group commit, as registrations-service's AdmissionDesks does it. */
    private final class Desk {

        private final ConcurrentLinkedQueue<Change> changes = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean deciding = new AtomicBoolean();
        private volatile Known known;

        void submit(Change change) {
            changes.add(change);
            while (deciding.compareAndSet(false, true)) {
                try {
                    var group = new ArrayList<Change>();
                    Change next;
                    while (group.size() < MAX_GROUP && (next = changes.poll()) != null) {
                        group.add(next);
                    }
                    if (!group.isEmpty()) {
                        decide(group);
                    }
                } finally {
                    deciding.set(false);
                }
                // One may have arrived after the poll and before the flag was cleared.
                if (changes.isEmpty()) {
                    return;
                }
            }
        }

        private void decide(List<Change> group) {
            while (true) {
                var cached = known;
                var read = cached != null ? cached : read();
                if (cached == null) {
                    rereads.incrementAndGet();
                }
                var ledger = read.ledger();
                var ops = new ArrayList<Op>();
                var answers = new ArrayList<Object>(group.size());
                for (var change : group) {
                    answers.add(change.decision().decide(ledger, ops));
                }
                if (!ledger.changed()) {
                    if (cached != null) {
                        // Nothing changed: answer from the ledger as stored now, never from memory.
                        known = null;
                        continue;
                    }
                    known = read;
                    answer(group, answers, null, read.version());
                    return;
                }
                var pageId = event + "/" + (read.version() + 1) + "/" + UUID.randomUUID();
                var snapshot = read.head().sinceSnapshot() + 1 >= SNAPSHOT_EVERY;
                var written = List.copyOf(ops);
                store.insert(
                        pageId,
                        new Page(
                                pageId,
                                read.head().lastPage(),
                                written,
                                snapshot ? new Lists(ledger.holders(), ledger.queue()) : null));
                if (crash()) {
                    fail(group);
                    return;
                }
                var head = new Head(
                        read.head().status(),
                        read.head().capacity(),
                        ledger.seatsLeft(),
                        ledger.seatsTaken(),
                        ledger.waiting(),
                        pageId,
                        snapshot ? 0 : read.head().sinceSnapshot() + 1);
                if (!store.compareAndSet(headId, read.version(), head)) {
                    known = null;
                    continue;
                }
                groups.incrementAndGet();
                changesWritten.addAndGet(group.size());
                known = new Known(read.version() + 1, head, ledger.holders(), ledger.queue());
                if (crash()) {
                    // Written, but the instance died before answering: the people ask again.
                    fail(group);
                    return;
                }
                answer(group, answers, pageId, read.version() + 1);
                return;
            }
        }

        private boolean crash() {
            if (crashShare > 0 && ThreadLocalRandom.current().nextDouble() < crashShare) {
                crashes.incrementAndGet();
                known = null;
                return true;
            }
            return false;
        }

        private void fail(List<Change> group) {
            group.forEach(change -> change.answer().completeExceptionally(new Crashed()));
        }

        private void answer(List<Change> group, List<Object> answers, String page, long version) {
            for (int i = 0; i < group.size(); i++) {
                group.get(i).answer().complete(new Decided<>(answers.get(i), page, version));
            }
        }
    }
}
