package org.convene.bench;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.gatling.javaapi.http.HttpDsl.*;

import io.gatling.javaapi.core.Simulation;
import java.time.Duration;

/**
 * (e) Gateway overhead: the same public read ({@code BENCH_PATH}, default {@code /api/events}) at {@code BENCH_RATE}
 * (300) requests a second for {@code BENCH_SECONDS} (60) against {@code BENCH_TARGET}: events-service directly, the
 * gateway, or nginx proxying to events-service. load-tests/bench runs it three times and puts the reports side by
 * side.
 */
public class GatewayOverheadSimulation extends Simulation {

    private static final int RATE = Bench.envInt("BENCH_RATE", 300);
    private static final int SECONDS = Bench.envInt("BENCH_SECONDS", 60);

    {
        setUp(scenario("read via " + Bench.env("BENCH_TARGET_NAME", "target"))
                        .exec(http("GET " + Bench.env("BENCH_PATH", "/api/events"))
                                .get(Bench.env("BENCH_PATH", "/api/events"))
                                .check(status().is(200)))
                        .injectOpen(
                                rampUsersPerSec(1).to(RATE).during(Duration.ofSeconds(5)),
                                constantUsersPerSec(RATE).during(Duration.ofSeconds(SECONDS))))
                .protocols(http.baseUrl(Bench.env("BENCH_TARGET", null)).acceptHeader("application/json"))
                .maxDuration(Duration.ofSeconds(SECONDS + 60))
                .assertions(global().failedRequests().count().is(0L));
    }
}
