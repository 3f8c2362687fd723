package org.convene.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * (a) Browsing: {@code GET /api/events} then {@code GET /api/events/{id}} through the gateway, new visitors at a
 * constant arrival rate ({@code BENCH_RATE} per second, default 100, so twice that in requests) for {@code
 * BENCH_SECONDS} (60). Fails if any request fails.
 */
public class BrowseSimulation extends Simulation {

    private static final int RATE = Bench.envInt("BENCH_RATE", 100);
    private static final int SECONDS = Bench.envInt("BENCH_SECONDS", 60);
    private static final int EVENTS = 20;

    private final List<String> ids = new ArrayList<>();

    @Override
    public void before() {
        for (int i = 0; i < EVENTS; i++) {
            ids.add(Bench.publishedEvent("Browse bench " + i, 50, 2));
        }
    }

    private final ScenarioBuilder browse = scenario("browse")
            .exec(http("list events").get("/api/events").check(status().is(200)))
            .exec(session ->
                    session.set("id", ids.get(ThreadLocalRandom.current().nextInt(ids.size()))))
            .exec(http("event by id").get("/api/events/#{id}").check(status().is(200)));

    {
        setUp(browse.injectOpen(
                        rampUsersPerSec(1).to(RATE).during(Duration.ofSeconds(5)),
                        constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(http.baseUrl(Bench.gateway()).acceptHeader("application/json"))
                .maxDuration(Duration.ofSeconds(SECONDS + 60))
                .assertions(global().failedRequests().count().is(0L));
    }
}
