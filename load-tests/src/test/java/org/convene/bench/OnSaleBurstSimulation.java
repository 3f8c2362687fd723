package org.convene.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * (b) On-sale burst: one event of {@code BENCH_CAPACITY} (100) seats, {@code BENCH_ATTEMPTS} (5,000) registrations
 * of parties of 1–3 (a young person and 0–2 companions) from {@code BENCH_CONCURRENCY} (64) clients at once, each
 * sending its next as soon as the last is answered. Afterwards the organiser's attendee list and the availability are
 * checked: the simulation FAILS on any error, any overbooked seat, a lost registration, or a waitlist whose positions
 * are not exactly 1..n.
 *
 * <p>Confirmed seats are not always exactly the capacity: by the waitlist rule (ADR 6) once a party does not fit, it
 * waits and everyone after it queues behind it, so up to 2 seats can stay free; the check then requires that the
 * head of the queue really did not fit.
 */
public class OnSaleBurstSimulation extends Simulation {

    private static final int CAPACITY = Bench.envInt("BENCH_CAPACITY", 100);
    private static final int ATTEMPTS = Bench.envInt("BENCH_ATTEMPTS", 5000);
    private static final int CONCURRENCY = Bench.envInt("BENCH_CONCURRENCY", 64);
    /** Registrations of other events stored before the burst (the flat-cost run): 0, or e.g. 100,000. */
    private static final int SEED = Bench.envInt("BENCH_SEED_REGISTRATIONS", 0);

    private static final int WARM_UP = Bench.envInt("BENCH_WARM_UP", 0);

    private static final AtomicInteger next = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> waitingLinks = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<int[]> answers = new ConcurrentLinkedQueue<>(); // {seats, position}
    private static String eventId;
    private static long startedAt;
    private static volatile String lastProblems = "not checked";
    private static Map<String, Double> commandsBefore = Map.of();

    @Override
    public void before() {
        if (SEED > 0) {
            seedOtherEvents();
        }
        if (WARM_UP > 0) {
            warmUp();
        }
        eventId = Bench.publishedEvent("On-sale burst bench", CAPACITY, 2);
        commandsBefore = storeCommands();
        startedAt = System.nanoTime();
    }

    private final ScenarioBuilder burst = scenario("on-sale burst")
            .asLongAs(session -> next.get() < ATTEMPTS)
            .on(exec(session -> {
                        int n = next.getAndIncrement();
                        int companions = ThreadLocalRandom.current().nextInt(3);
                        return session.set("n", n)
                                .set(
                                        "body",
                                        Bench.registrationBody(
                                                "burst-" + n + "@bench.convene.test", "Person " + n, companions));
                    })
                    .doIf(session -> session.getInt("n") < ATTEMPTS)
                    .then(exec(http("register")
                                    .post(session -> "/api/events/" + eventId + "/registrations")
                                    .body(StringBody("#{body}"))
                                    .asJson()
                                    .check(status().is(201))
                                    .check(jmesPath("seats").ofInt().saveAs("seats"))
                                    .check(jmesPath("waitlistPosition")
                                            .ofInt()
                                            .optional()
                                            .saveAs("position"))
                                    .check(jmesPath("manageLink").saveAs("manageLink")))
                            .exec(session -> {
                                answers.add(new int[] {
                                    session.getInt("seats"),
                                    session.contains("position") ? session.getInt("position") : 0
                                });
                                if (session.contains("position")) {
                                    waitingLinks.add(session.getString("manageLink"));
                                }
                                return session.remove("position");
                            })));

    private final ScenarioBuilder verify = scenario("verify")
            .exec(session -> {
                recordStoreCommands();
                try {
                    lastProblems = problems();
                } catch (RuntimeException e) {
                    lastProblems = "the checks themselves failed: " + e;
                    Bench.record("OnSaleBurstSimulation", lastProblems);
                }
                return session;
            })
            .exec(http("verify: no overbooking, nothing lost, waitlist 1..n")
                    .get(session -> "/api/events/" + eventId + "/availability")
                    .check(status().is(200))
                    .check(jmesPath("seatsTaken").ofInt().lte(CAPACITY))
                    .check(bodyString().transform(body -> lastProblems).is("")));

    {
        setUp(burst.injectClosed(constantConcurrentUsers(CONCURRENCY).during(Duration.ofSeconds(1)))
                        .andThen(verify.injectOpen(atOnceUsers(1))))
                .protocols(http.baseUrl(Bench.gateway())
                        .acceptHeader("application/json")
                        .shareConnections())
                .maxDuration(Duration.ofSeconds(Bench.envInt("BENCH_MAX_SECONDS", 240)))
                .assertions(
                        global().failedRequests().count().is(0L),
                        details("register").allRequests().count().is((long) ATTEMPTS));
    }

    /**
     * {@code BENCH_WARM_UP} registrations (0 by default) for an event of their own, from 16 clients, before the
     * burst: the services' JIT compilers then do their work before the clock starts, as they would have on a stack
     * that has been up for a while when a popular event goes on sale. The figures say which was measured.
     */
    private static void warmUp() {
        var warmUpEvent = Bench.publishedEvent("On-sale burst warm-up", CAPACITY, 2);
        var sent = new AtomicInteger();
        var started = System.nanoTime();
        try (var clients = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            for (int client = 0; client < 16; client++) {
                clients.execute(() -> {
                    int n;
                    while ((n = sent.getAndIncrement()) < WARM_UP) {
                        Bench.call(
                                "POST",
                                Bench.gateway() + "/api/events/" + warmUpEvent + "/registrations",
                                Bench.registrationBody("warm-" + n + "@bench.convene.test", "Warm " + n, n % 3),
                                null);
                    }
                });
            }
        }
        Bench.record(
                "OnSaleBurstSimulation",
                "warm-up: " + WARM_UP + " registrations for another event in "
                        + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s before the burst");
    }

    /**
     * {@code SEED} confirmed registrations of 1,000 other events, straight into registrations-service's store
     * (BENCH_MONGO): one real registration, made through the API for an event of its own, is the model; each copy
     * gets its own id, event, person, link and key (the unique indexes), and each event a ledger holding its
     * registrations, as the service would have written them.
     */
    private static void seedOtherEvents() {
        var model = Bench.publishedEvent("Seed model", 10, 2);
        Bench.require(
                Bench.call(
                        "POST",
                        Bench.gateway() + "/api/events/" + model + "/registrations",
                        Bench.registrationBody("seed-model@bench.convene.test", "Seed Model", 0),
                        null),
                201,
                "the seed model's registration");
        long started = System.nanoTime();
        try (var mongo = com.mongodb.client.MongoClients.create(Bench.env("BENCH_MONGO", null))) {
            var store = mongo.getDatabase("convene-registrations");
            var registrations = store.getCollection("registrations");
            var ledgers = store.getCollection("seat_ledgers");
            var template =
                    registrations.find(new org.bson.Document("eventId", model)).first();
            var ledgerTemplate =
                    ledgers.find(new org.bson.Document("_id", model)).first();
            if (template == null || ledgerTemplate == null) {
                throw new IllegalStateException("the seed model's registration or ledger is not in the store");
            }
            int events = 1_000;
            int perEvent = Math.max(1, SEED / events);
            var batch = new ArrayList<org.bson.Document>(1_000);
            var holders = new ArrayList<org.bson.Document>();
            for (int e = 0; e < events; e++) {
                String event = "seed-event-" + e + "-" + java.util.UUID.randomUUID();
                holders.clear();
                for (int r = 0; r < perEvent; r++) {
                    String id = java.util.UUID.randomUUID().toString();
                    var copy = new org.bson.Document(template);
                    copy.put("_id", id);
                    copy.put("eventId", event);
                    copy.put("status", "CONFIRMED");
                    copy.put("version", 1L);
                    copy.put("manageTokenHash", "seed-" + id);
                    copy.put("activePerson", event + "|seed-" + id);
                    copy.put("idempotencyKey", event + "|seed-" + id);
                    copy.put("outbox", List.of());
                    copy.remove("relayLease");
                    batch.add(copy);
                    holders.add(new org.bson.Document("registrationId", id).append("seats", copy.get("seats")));
                    if (batch.size() == 1_000) {
                        registrations.insertMany(batch);
                        batch.clear();
                    }
                }
                var ledger = new org.bson.Document(ledgerTemplate);
                ledger.put("_id", event);
                ledger.put("capacity", perEvent * 3);
                ledger.put("seatsLeft", 0);
                ledger.put(
                        "seatsTaken",
                        holders.stream().mapToInt(h -> h.getInteger("seats")).sum());
                ledger.put("ledgerVersion", 1L);
                // As registrations-service stores them (PartyLists): "<id>:<seats>" entries joined by ",".
                ledger.put(
                        "holders",
                        String.join(
                                ",",
                                holders.stream()
                                        .map(h -> h.getString("registrationId") + ":" + h.getInteger("seats"))
                                        .toList()));
                ledger.put("queue", "");
                ledgers.insertOne(ledger);
            }
            if (!batch.isEmpty()) {
                registrations.insertMany(batch);
            }
            Bench.record(
                    "OnSaleBurstSimulation",
                    String.format(
                            "seeded %,d confirmed registrations of %,d other events (and their ledgers) straight into the store in %.1f s",
                            (long) events * perEvent, events, (System.nanoTime() - started) / 1e9));
        }
    }

    /**
     * registrations-service's store commands so far, by collection and command, from the driver's command listener
     * (Micrometer's {@code mongodb.driver.commands}); empty when BENCH_REGISTRATIONS_MANAGEMENT (the address of its
     * management port, where its metrics are) is not set.
     */
    static Map<String, Double> storeCommands() {
        var registrations = Bench.env("BENCH_REGISTRATIONS_MANAGEMENT", "");
        Map<String, Double> counts = new TreeMap<>();
        if (registrations.isEmpty()) {
            return counts;
        }
        var scrape = Bench.call("GET", registrations + "/actuator/prometheus", null, null);
        var line = java.util.regex.Pattern.compile(
                "^mongodb_driver_commands_seconds_count\\{.*?collection=\"([^\"]*)\".*?command=\"([^\"]*)\".*} ([0-9.eE+]+)$",
                java.util.regex.Pattern.MULTILINE);
        var matcher = line.matcher(scrape.body());
        while (matcher.find()) {
            counts.merge(matcher.group(1) + "." + matcher.group(2), Double.parseDouble(matcher.group(3)), Double::sum);
        }
        return counts;
    }

    /** Store round trips per decision during the burst: all of registrations-service's, the outbox relay's included. */
    private static void recordStoreCommands() {
        var after = storeCommands();
        if (after.isEmpty()) {
            return;
        }
        double total = 0;
        var perDecision = new StringBuilder();
        for (var entry : after.entrySet()) {
            double during = entry.getValue() - commandsBefore.getOrDefault(entry.getKey(), 0.0);
            if (during > 0) {
                total += during;
                perDecision.append(String.format(" %s %.2f", entry.getKey(), during / ATTEMPTS));
            }
        }
        Bench.record(
                "OnSaleBurstSimulation",
                String.format(
                        "store round trips per decision (registrations-service, relay included): %.2f;%s",
                        total / ATTEMPTS, perDecision));
    }

    /** Every waitlisted registration as its manage link shows it now, 16 requests at a time. */
    private static List<JsonNode> manageViews() {
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var futures = new ArrayList<java.util.concurrent.Future<JsonNode>>();
            for (String link : waitingLinks) {
                // The link opens the person's page (/manage/{token}); the same token reads the registration as JSON.
                String path = "/api/registrations" + java.net.URI.create(link).getRawPath();
                futures.add(pool.submit(() ->
                        Bench.call("GET", Bench.gateway() + path, null, null).json()));
            }
            var views = new ArrayList<JsonNode>();
            for (var future : futures) {
                views.add(future.get());
            }
            return views;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            pool.shutdown();
        }
    }

    /** Everything wrong with the event after the burst, or the empty string. */
    static String problems() {
        long seconds = (System.nanoTime() - startedAt) / 1_000_000;
        List<String> problems = new ArrayList<>();
        var list =
                Bench.call("GET", Bench.gateway() + "/api/events/" + eventId + "/registrations", null, Bench.token());
        if (list.status() != 200) {
            return "attendee list: " + list.status();
        }
        int confirmedSeats = 0;
        int confirmed = 0;
        int waitlisted = 0;
        Map<String, Integer> byStatus = new TreeMap<>();
        for (JsonNode row : list.json()) {
            String status = row.path("status").asString();
            byStatus.merge(status, 1, Integer::sum);
            if ("CONFIRMED".equals(status)) {
                confirmed++;
                confirmedSeats += row.path("seats").asInt();
            } else if ("WAITLISTED".equals(status)) {
                waitlisted++;
            }
        }
        var availability = Bench.call("GET", Bench.gateway() + "/api/events/" + eventId + "/availability", null, null)
                .json();
        if (confirmedSeats > CAPACITY) {
            problems.add("OVERBOOKED: " + confirmedSeats + " seats confirmed for " + CAPACITY);
        }
        if (availability.path("seatsTaken").asInt() != confirmedSeats) {
            problems.add("availability says " + availability.path("seatsTaken") + " seats taken, list has "
                    + confirmedSeats);
        }
        if (availability.path("waiting").asInt() != waitlisted) {
            problems.add("availability says " + availability.path("waiting") + " waiting, list has " + waitlisted);
        }
        if (confirmed + waitlisted != ATTEMPTS || answers.size() != ATTEMPTS) {
            problems.add(
                    "registrations: " + byStatus + " answered " + answers.size() + " for " + ATTEMPTS + " attempts");
        }
        // The positions in the 201 answers (and the WaitlistPosition of the emails) are a snapshot: reported, not
        // judged. The queue itself is judged by the positions the manage links show once the burst is over.
        var answeredPositions = new TreeSet<Integer>();
        int answeredDuplicates = 0;
        int answeredConfirmedSeats = 0;
        for (int[] answer : answers) {
            if (answer[1] > 0) {
                if (!answeredPositions.add(answer[1])) {
                    answeredDuplicates++;
                }
            } else {
                answeredConfirmedSeats += answer[0];
            }
        }
        var positions = new TreeMap<Integer, Integer>(); // position -> seats
        int duplicates = 0;
        for (JsonNode view : manageViews()) {
            if (!"WAITLISTED".equals(view.path("status").asString())) {
                problems.add("a waitlisted registration is now "
                        + view.path("status").asString());
            } else if (positions.put(
                            view.path("waitlistPosition").asInt(),
                            view.path("seats").asInt())
                    != null) {
                duplicates++;
            }
        }
        int headSeats = positions.isEmpty() ? 0 : positions.firstEntry().getValue();
        if (duplicates > 0) {
            problems.add(duplicates + " waitlist positions shared by two registrations (manage links)");
        }
        if (!positions.isEmpty() && (positions.firstKey() != 1 || positions.lastKey() != positions.size())) {
            problems.add("waitlist positions are not 1.." + positions.size() + ": " + positions.firstKey() + ".."
                    + positions.lastKey());
        }
        if (positions.size() + duplicates != waitlisted) {
            problems.add((positions.size() + duplicates) + " waitlisted manage links, " + waitlisted + " in the list");
        }
        if (answeredConfirmedSeats != confirmedSeats) {
            problems.add("confirmed answers total " + answeredConfirmedSeats + " seats, the list " + confirmedSeats);
        }
        if (confirmedSeats < CAPACITY && waitlisted > 0 && headSeats <= CAPACITY - confirmedSeats) {
            problems.add("the head of the waitlist (" + headSeats + " seats) would fit in the "
                    + (CAPACITY - confirmedSeats) + " left");
        }
        Bench.record(
                "OnSaleBurstSimulation",
                "event " + eventId + ": capacity " + CAPACITY + ", attempts " + ATTEMPTS + ", concurrency "
                        + CONCURRENCY
                        + ", confirmed " + confirmed + " registrations / " + confirmedSeats + " seats, waitlisted "
                        + waitlisted + ", burst and checks took " + seconds
                        + " ms; waitlist positions in the 201 answers: "
                        + answeredPositions.size() + " distinct of " + (answeredPositions.size() + answeredDuplicates)
                        + " (" + answeredDuplicates + " duplicates); problems: " + problems);
        return String.join("; ", problems);
    }
}
