package org.convene.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the simulations need from the running stack, read from the environment that {@code load-tests/bench} sets:
 * addresses, the organiser token, and plain HTTP calls for setting up and checking outside the measured load.
 */
final class Bench {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Bench() {}

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name, fallback);
        }
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the simulations with load-tests/bench");
        }
        return value;
    }

    static int envInt(String name, int fallback) {
        return Integer.parseInt(env(name, String.valueOf(fallback)));
    }

    static String gateway() {
        return env("BENCH_GATEWAY", null);
    }

    static String token() {
        return env("BENCH_TOKEN", null);
    }

    static String inbox() {
        return env("BENCH_INBOX", null);
    }

    record Answer(int status, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Answer call(String method, String url, String body, String token) {
        var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates and publishes a workshop of the demo organisation, then waits until registrations knows it. */
    static String publishedEvent(String title, int capacity, int maxCompanions) {
        var start = LocalDateTime.now()
                .plusDays(30)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var created = call(
                "POST",
                gateway() + "/api/events",
                """
                {"title":"%s","summary":"Load test event","format":"WORKSHOP","audience":"YOUNG_PEOPLE",
                 "topics":["workshops"],"startsAt":"%s","endsAt":"%s","timeZone":"Europe/London",
                 "capacity":%d,"maxCompanions":%d,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT",
                          "accessibility":["STEP_FREE_ACCESS"]}}""".formatted(title, start, start.plusHours(4), capacity, maxCompanions),
                token());
        require(created, 201, "create event");
        String id = created.json().path("id").asString();
        require(call("POST", gateway() + "/api/events/" + id + "/publish", null, token()), 200, "publish event");
        org.awaitility.Awaitility.await("registrations-service learning of event " + id)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> call("GET", gateway() + "/api/events/" + id + "/availability", null, null)
                                .status()
                        == 200);
        return id;
    }

    static void require(Answer answer, int status, String what) {
        if (answer.status() != status) {
            throw new IllegalStateException(what + ": " + answer.status() + " " + answer.body());
        }
    }

    static String registrationBody(String email, String name, int companions) {
        var list = new ArrayList<String>();
        for (int i = 0; i < companions; i++) {
            list.add(i % 2 == 0 ? "\"CARER\"" : "\"SUPPORT_WORKER\"");
        }
        return """
                {"attendee":{"name":"%s","email":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},"companions":[%s]}""".formatted(name, email, String.join(",", list));
    }

    static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 12) + "@bench.convene.test";
    }

    /** p-th percentile (0-100) of the values, nearest rank. */
    static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        var sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    /** Appends a line to target/bench-results.txt, the figures the Gatling report does not show. */
    static void record(String simulation, String line) {
        var text = String.format(Locale.ROOT, "%s %s: %s%n", java.time.Instant.now(), simulation, line);
        System.out.print(text);
        try {
            Path file =
                    Path.of(env("BENCH_RESULTS", "target/bench-results.txt")).toAbsolutePath();
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, text, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
