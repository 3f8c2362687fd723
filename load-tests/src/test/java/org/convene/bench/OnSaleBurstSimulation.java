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

    private static final AtomicInteger next = new AtomicInteger();
    private static final ConcurrentLinkedQueue<String> waitingLinks = new ConcurrentLinkedQueue<>();
    private static final ConcurrentLinkedQueue<int[]> answers = new ConcurrentLinkedQueue<>(); // {seats, position}
    private static String eventId;
    private static long startedAt;
    private static volatile String lastProblems = "not checked";

    @Override
    public void before() {
        eventId = Bench.publishedEvent("On-sale burst bench", CAPACITY, 2);
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
                lastProblems = problems();
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
