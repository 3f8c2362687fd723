package org.convene.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * (c) Registration to email: {@code BENCH_RATE} (50) registrations a second for {@code BENCH_SECONDS} (60) to one
 * large event; for each, the time from the HTTP answer to the confirmation email's {@code receivedAt} in the dev
 * inbox. Fails if any request fails or any email has not arrived {@code BENCH_EMAIL_WAIT_SECONDS} (120) after the
 * last answer.
 */
public class RegistrationToEmailSimulation extends Simulation {

    private static final int RATE = Bench.envInt("BENCH_RATE", 50);
    private static final int SECONDS = Bench.envInt("BENCH_SECONDS", 60);

    private static final AtomicInteger next = new AtomicInteger();
    private static final Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
    private static final String run = Long.toString(System.currentTimeMillis(), 36);
    private static String eventId;

    @Override
    public void before() {
        eventId = Bench.publishedEvent("Registration to email bench", 10_000, 2);
    }

    private final ScenarioBuilder register = scenario("register")
            .exec(session -> {
                String email = "mail-" + run + "-" + next.getAndIncrement() + "@bench.convene.test";
                return session.set("email", email).set("body", Bench.registrationBody(email, "Person", 0));
            })
            .exec(http("register")
                    .post(session -> "/api/events/" + eventId + "/registrations")
                    .body(StringBody("#{body}"))
                    .asJson()
                    .check(status().is(201)))
            .exec(session -> {
                answeredAt.put(session.getString("email").toLowerCase(), Instant.now());
                return session;
            });

    {
        setUp(register.injectOpen(constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(http.baseUrl(Bench.gateway()).acceptHeader("application/json"))
                .maxDuration(Duration.ofSeconds(SECONDS + 60))
                .assertions(global().failedRequests().count().is(0L));
    }

    @Override
    public void after() {
        Map<String, Instant> receivedAt = new ConcurrentHashMap<>();
        // Only what arrived since the last look: the inbox may hold tens of thousands of emails by now.
        var seen = new java.util.concurrent.atomic.AtomicLong();
        try {
            org.awaitility.Awaitility.await("every confirmation email in the inbox")
                    .atMost(Duration.ofSeconds(Bench.envInt("BENCH_EMAIL_WAIT_SECONDS", 120)))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        var inbox = Bench.call("GET", Bench.inbox() + "?since=" + seen.get(), null, null);
                        for (JsonNode email : inbox.json()) {
                            seen.accumulateAndGet(email.path("id").asLong(), Math::max);
                            for (JsonNode to : email.path("to")) {
                                String address = to.asString().toLowerCase();
                                if (answeredAt.containsKey(address)
                                        && email.path("subject").asString().startsWith("You're booked")) {
                                    receivedAt.putIfAbsent(
                                            address,
                                            Instant.parse(
                                                    email.path("receivedAt").asString()));
                                }
                            }
                        }
                        return receivedAt.size() >= answeredAt.size();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException someMissing) {
            // Reported below: the emails that did arrive are measured, the missing ones counted.
        }
        List<Long> delays = new ArrayList<>();
        answeredAt.forEach((address, answered) -> {
            Instant received = receivedAt.get(address);
            if (received != null) {
                delays.add(Duration.between(answered, received).toMillis());
            }
        });
        Bench.record(
                "RegistrationToEmailSimulation",
                "%d/s for %d s: %d registrations answered, %d confirmation emails arrived; answer to inbox ms p50 %.0f, p95 %.0f, p99 %.0f, max %.0f; over 1 s: %d"
                        .formatted(
                                RATE,
                                SECONDS,
                                answeredAt.size(),
                                delays.size(),
                                Bench.percentile(delays, 50),
                                Bench.percentile(delays, 95),
                                Bench.percentile(delays, 99),
                                Bench.percentile(delays, 100),
                                delays.stream().filter(delay -> delay > 1_000).count()));
        if (delays.size() < answeredAt.size()) {
            throw new AssertionError((answeredAt.size() - delays.size()) + " confirmation emails never arrived");
        }
    }
}
