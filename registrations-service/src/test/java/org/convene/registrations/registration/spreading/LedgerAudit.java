package org.convene.registrations.registration.spreading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.convene.registrations.registration.spreading.PagedLedger.Head;
import org.convene.registrations.registration.spreading.PagedLedger.Page;

/**
 * Checks a finished race against invariants 1 and 2 (docs/invariants.md) and ADR 6's queue rule, on its own: it
 * replays the committed pages (the chain from the head back to the first) with its own few lines of
 * state, not with {@code SeatLedger}, and compares them with what every person was told and with the
 * registration documents. Collects every violation rather than stopping at the first, so a control run
 * shows what broke.
 */
final class LedgerAudit {

    /** What the audit found; {@code repaired} counts registration documents reconciliation had to correct. */
    record Findings(List<String> violations, int pages, int promotions, int repaired, int seatsTaken, int waiting) {

        boolean clean() {
            return violations.isEmpty();
        }
    }

    private static final int SHOWN = 20;

    private final List<String> violations = new ArrayList<>();
    private int found;

    static Findings of(LedgerRace.Result race) {
        return new LedgerAudit().audit(race);
    }

    private void violation(String what) {
        found++;
        if (violations.size() < SHOWN) {
            violations.add(what);
        }
    }

    private Findings audit(LedgerRace.Result race) {
        var store = race.store();
        var capacity = race.workload().capacity();
        var headStored = store.read(race.ledger().headId());
        var head = (Head) headStored.value();

        // The committed pages: the chain the head points to, oldest first. Pages of lost writes are not in it.
        var chain = new ArrayList<Page>();
        for (var id = head.lastPage(); id != null; ) {
            var page = (Page) store.read(id).value();
            chain.addFirst(page);
            id = page.previous();
        }
        if (chain.size() != headStored.version()) {
            violation("the head moved " + headStored.version() + " times but " + chain.size()
                    + " pages are chained: writes were lost");
        }
        var committed = new HashSet<String>();
        chain.forEach(page -> committed.add(page.id()));

        var holders = new LinkedHashMap<String, Integer>();
        var queue = new ArrayList<String>();
        var sizes = new HashMap<String, Integer>();
        var everHeld = new HashSet<String>();
        var everJoined = new HashSet<String>();
        var toldInPage = new HashMap<String, Set<String>>();
        int seatsTaken = 0;
        int promotions = 0;
        var singleSeats = race.workload().maxParty() == 1;

        for (var page : chain) {
            var told = new HashSet<String>();
            toldInPage.put(page.id(), told);
            for (var op : page.ops()) {
                var id = op.registration();
                int seatsLeft = capacity - seatsTaken;
                switch (op.kind()) {
                    case HOLD -> {
                        if (!everHeld.add(id)) {
                            violation(id + " took seats a second time (page " + page.id() + ")");
                        }
                        if (op.seats() > seatsLeft) {
                            violation(id + " took " + op.seats() + " seats with " + seatsLeft + " left");
                        }
                        var place = queue.indexOf(id);
                        if (place < 0 && !queue.isEmpty()) {
                            violation(id + " took seats as a new arrival while " + queue.size() + " waited");
                        }
                        for (int ahead = 0; ahead < place; ahead++) {
                            var before = queue.get(ahead);
                            if (sizes.get(before) <= seatsLeft) {
                                violation(id + " was promoted past " + before + ", who waited ahead of it and fit");
                            }
                        }
                        if (place >= 0) {
                            promotions++;
                            if (singleSeats && place != 0) {
                                violation(id + " was promoted from place " + (place + 1) + ", not the head");
                            }
                        }
                        holders.put(id, op.seats());
                        seatsTaken += op.seats();
                        if (seatsTaken > capacity) {
                            violation("overbooked: " + seatsTaken + " seats taken of " + capacity);
                        }
                    }
                    case RELEASE -> {
                        var held = holders.remove(id);
                        if (held == null) {
                            violation(id + " gave back seats it did not hold");
                        } else {
                            seatsTaken -= held;
                        }
                    }
                    case JOIN -> {
                        if (!everJoined.add(id) || holders.containsKey(id)) {
                            violation(id + " joined the queue twice, or while holding seats");
                        }
                        if (queue.isEmpty() && op.seats() <= seatsLeft) {
                            violation(id + " was waitlisted while its " + op.seats() + " seats were free");
                        }
                        sizes.put(id, op.seats());
                        queue.add(id);
                    }
                    case LEAVE -> {
                        if (!queue.remove(id)) {
                            violation(id + " left a queue it was not in");
                        }
                    }
                    case TOLD_SEATED -> {
                        if (!holders.containsKey(id)) {
                            violation(id + " was told it had seats it does not hold");
                        }
                        told.add(id + ":seated");
                    }
                    case TOLD_QUEUED -> {
                        if (queue.indexOf(id) + 1 != op.seats()) {
                            violation(id + " was told place " + op.seats() + " but is at " + (queue.indexOf(id) + 1));
                        }
                        told.add(id + ":" + op.seats());
                    }
                }
            }
            // After every group: no seat is left unsold while a waiting party would fit it.
            for (var waiting : queue) {
                if (sizes.get(waiting) <= capacity - seatsTaken) {
                    violation(waiting + " waits although " + (capacity - seatsTaken) + " seats are left after page "
                            + page.id());
                    break;
                }
            }
        }

        if (head.seatsTaken() != seatsTaken
                || head.seatsLeft() != capacity - seatsTaken
                || head.waiting() != queue.size()) {
            violation("the head's counts (" + head.seatsTaken() + " taken, " + head.seatsLeft() + " left, "
                    + head.waiting() + " waiting) differ from its pages (" + seatsTaken + ", "
                    + (capacity - seatsTaken) + ", " + queue.size() + ")");
        }

        // Every answer a person got is in the committed ledger, as they were told it.
        for (var answer : race.told()) {
            var id = answer.registration();
            if (answer.seated() ? !everHeld.contains(id) : !everJoined.contains(id)) {
                violation(id + " was told " + (answer.seated() ? "it had seats" : "place " + answer.position())
                        + ", which the ledger never recorded (a lost write)");
            } else if (answer.page() != null) {
                var told = toldInPage.get(answer.page());
                if (told == null) {
                    violation(id + " was answered from page " + answer.page() + ", which was never committed");
                } else if (!told.contains(id + ":" + (answer.seated() ? "seated" : answer.position()))) {
                    violation(id + " was told something its page does not say");
                }
            }
        }

        // Nothing lost: every registration is held, waiting or cancelled, and a cancelled one is neither.
        for (var id : race.seats().keySet()) {
            var cancelled = race.cancelled().contains(id);
            var present = holders.containsKey(id) || queue.contains(id);
            if (cancelled && present) {
                violation(id + " was cancelled but still " + (holders.containsKey(id) ? "holds seats" : "waits"));
            }
            if (!cancelled && !present) {
                violation(id + " was registered and never cancelled, but neither holds seats nor waits (lost)");
            }
        }

        // What people were told, in their registration documents: never more seats confirmed than capacity.
        int toldConfirmed = 0;
        for (var entry : race.projections().entrySet()) {
            if ("CONFIRMED".equals(entry.getValue().status())) {
                toldConfirmed += race.seats().get(entry.getKey());
            }
        }
        if (toldConfirmed > capacity) {
            violation("overbooked as people were told: " + toldConfirmed + " seats confirmed of " + capacity);
        }

        // Reconciliation: each registration document is made to show what the ledger holds.
        int repaired = 0;
        for (var entry : race.projections().entrySet()) {
            var id = entry.getKey();
            var truth = holders.containsKey(id)
                    ? "CONFIRMED"
                    : queue.contains(id) ? "WAITLISTED" : race.cancelled().contains(id) ? "CANCELLED" : "LOST";
            if (!truth.equals(entry.getValue().status())) {
                repaired++;
            }
        }
        var list = new ArrayList<>(violations);
        if (found > SHOWN) {
            list.add("… and " + (found - SHOWN) + " more");
        }
        return new Findings(list, chain.size(), promotions, repaired, seatsTaken, queue.size());
    }

    /** For a failure message: the first few violations, one a line. */
    static String describe(Findings findings) {
        return String.join("\n", findings.violations());
    }

    static Map<String, Object> figures(LedgerRace.Result race, Findings findings) {
        var ledger = race.ledger();
        var figures = new LinkedHashMap<String, Object>();
        figures.put("seed", race.workload().seed());
        figures.put("ms", race.millis());
        figures.put("registrations", race.seats().size());
        figures.put("cancelled", race.cancelled().size());
        figures.put("groups", ledger.groups());
        figures.put("changes per group", ledger.groups() == 0 ? 0 : (double) ledger.changesWritten() / ledger.groups());
        figures.put("lost compare-and-sets", race.store().refused());
        figures.put("re-reads", ledger.rereads());
        figures.put("crashes", ledger.crashes());
        figures.put("promotions", findings.promotions());
        figures.put("seats taken", findings.seatsTaken());
        figures.put("waiting", findings.waiting());
        figures.put("documents reconciled", findings.repaired());
        return figures;
    }
}
