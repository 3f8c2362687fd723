package org.convene.registrations.registration.spreading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many people registering for one event and cancelling, from real threads, against {@link PagedLedger}
 * on several instances whose ownership of the event moves while they run. Records what every person
 * was told and the registration documents (the projection of the ledger each person's emails come
 * from), for {@link LedgerAudit}.
 */
final class LedgerRace {

    /**
     * @param seed chooses party sizes, which registrations are cancelled, which requests are sent again
     * @param maxParty parties of 1..maxParty seats (a young person with carers, or a worker's group)
     * @param cancelShare after each registration, the chance that the same person cancels one made earlier
     * @param retryShare the chance that a request whose answer was received is sent again (a lost answer)
     * @param crashShare the chance that an instance dies around a group's write (before or after it)
     * @param misrouted the share of requests sent to another instance than the event's owner
     */
    record Workload(
            long seed,
            int capacity,
            int registrations,
            int maxParty,
            int threads,
            int instances,
            double cancelShare,
            double retryShare,
            double crashShare,
            double misrouted,
            boolean checksVersions,
            PagedLedger.Rules rules) {

        Workload withSeed(long seed) {
            return new Workload(
                    seed,
                    capacity,
                    registrations,
                    maxParty,
                    threads,
                    instances,
                    cancelShare,
                    retryShare,
                    crashShare,
                    misrouted,
                    checksVersions,
                    rules);
        }

        Workload withoutVersionCheck() {
            return new Workload(
                    seed,
                    capacity,
                    registrations,
                    maxParty,
                    threads,
                    instances,
                    cancelShare,
                    retryShare,
                    crashShare,
                    misrouted,
                    false,
                    rules);
        }

        Workload with(PagedLedger.Rules broken) {
            return new Workload(
                    seed,
                    capacity,
                    registrations,
                    maxParty,
                    threads,
                    instances,
                    cancelShare,
                    retryShare,
                    crashShare,
                    misrouted,
                    checksVersions,
                    broken);
        }
    }

    /** A registration document: its status and the ledger position (version, index in the page) it shows. */
    record Projection(String status, long stamp) {}

    /** What one person was told when they registered (several answers if the request was sent again). */
    record Told(String registration, boolean seated, long position, String page, long stamp) {}

    /** What one run left: the store, every answer, the cancellations acknowledged, and the sizes. */
    record Result(
            Workload workload,
            ModelStore store,
            PagedLedger ledger,
            Map<String, Integer> seats,
            List<Told> told,
            Set<String> cancelled,
            Map<String, Projection> projections,
            long millis) {}

    private static final long PAGE = 1_000_000L;

    static Result run(Workload workload) throws InterruptedException {
        var store = new ModelStore(workload.checksVersions(), 40);
        var ledger =
                new PagedLedger(store, "event-1", workload.capacity(), workload.instances(), workload.crashShare());
        var seats = new ConcurrentHashMap<String, Integer>();
        var told = new CopyOnWriteArrayList<Told>();
        var answered = new CopyOnWriteArrayList<String>();
        var cancelled = ConcurrentHashMap.<String>newKeySet();
        var projections = new ConcurrentHashMap<String, Projection>();
        var next = new AtomicInteger();
        var owner = new AtomicInteger();
        var done = new CountDownLatch(workload.threads());
        var failures = new CopyOnWriteArrayList<Throwable>();

        // The event's owner moves now and then (instances start, stop, rebalance) while people register.
        var handovers = Thread.ofPlatform().daemon().start(() -> {
            var random = new Random(workload.seed());
            while (done.getCount() > 0) {
                owner.set(random.nextInt(workload.instances()));
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });

        var started = System.nanoTime();
        for (int t = 0; t < workload.threads(); t++) {
            Thread.ofPlatform().start(() -> {
                try {
                    int k;
                    while ((k = next.getAndIncrement()) < workload.registrations()) {
                        var random = new Random(workload.seed() * 1_000_003L + k);
                        var registration = "r" + k;
                        var size = 1 + random.nextInt(workload.maxParty());
                        seats.put(registration, size);
                        projections.put(registration, new Projection("PENDING", -1));
                        register(workload, ledger, owner, registration, size, told, projections);
                        if (random.nextDouble() < workload.retryShare()) {
                            register(workload, ledger, owner, registration, size, told, projections);
                        }
                        answered.add(registration);
                        if (random.nextDouble() < workload.cancelShare()) {
                            var victim = answered.get(random.nextInt(answered.size()));
                            if (cancelled.add(victim)) {
                                cancel(workload, ledger, owner, victim, seats.get(victim), projections);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                } finally {
                    done.countDown();
                }
            });
        }
        if (!done.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the race did not finish in 120 s");
        }
        handovers.interrupt();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a client failed", failures.getFirst());
        }
        var millis = (System.nanoTime() - started) / 1_000_000;
        return new Result(workload, store, ledger, seats, new ArrayList<>(told), cancelled, projections, millis);
    }

    /** Registers until answered (a crashed instance's request is sent again), then records the answer. */
    private static void register(
            Workload workload,
            PagedLedger ledger,
            AtomicInteger owner,
            String registration,
            int size,
            List<Told> told,
            Map<String, Projection> projections) {
        while (true) {
            try {
                var decided =
                        ledger.decide(route(workload, owner), PagedLedger.admit(workload.rules(), registration, size));
                var admitted = decided.value();
                var stamp = decided.page() == null
                        ? decided.version() * PAGE + PAGE - 1
                        : decided.version() * PAGE + admitted.toldAt();
                told.add(new Told(registration, admitted.seated(), admitted.position(), decided.page(), stamp));
                project(projections, registration, admitted.seated() ? "CONFIRMED" : "WAITLISTED", stamp);
                for (int i = 0; i < admitted.promoted().size(); i++) {
                    var promoted = admitted.promoted().get(i).registration();
                    if (!promoted.equals(registration)) {
                        project(
                                projections,
                                promoted,
                                "CONFIRMED",
                                decided.version() * PAGE + admitted.promotedAt().get(i));
                    }
                }
                return;
            } catch (PagedLedger.Crashed crashed) {
                // Sent again, perhaps to another instance.
            }
        }
    }

    private static void cancel(
            Workload workload,
            PagedLedger ledger,
            AtomicInteger owner,
            String registration,
            int size,
            Map<String, Projection> projections) {
        while (true) {
            try {
                var decided =
                        ledger.decide(route(workload, owner), PagedLedger.cancel(workload.rules(), registration, size));
                var cancelled = decided.value();
                var base = decided.version() * PAGE;
                project(
                        projections,
                        registration,
                        "CANCELLED",
                        decided.page() == null ? base + PAGE - 1 : base + cancelled.at());
                for (int i = 0; i < cancelled.promoted().size(); i++) {
                    project(
                            projections,
                            cancelled.promoted().get(i).registration(),
                            "CONFIRMED",
                            base + cancelled.promotedAt().get(i));
                }
                return;
            } catch (PagedLedger.Crashed crashed) {
                // Sent again: the ledger gives back once, so a second cancellation changes nothing.
            }
        }
    }

    /** The registration document shows the newest decision: an older one arriving late never overwrites it. */
    static void project(Map<String, Projection> projections, String registration, String status, long stamp) {
        projections.merge(
                registration,
                new Projection(status, stamp),
                (now, offered) -> offered.stamp() > now.stamp() ? offered : now);
    }

    private static int route(Workload workload, AtomicInteger owner) {
        var random = ThreadLocalRandom.current();
        return random.nextDouble() < workload.misrouted() ? random.nextInt(workload.instances()) : owner.get();
    }
}
