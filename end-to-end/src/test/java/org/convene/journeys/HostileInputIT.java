package org.convene.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.emailsTo;
import static org.convene.journeys.Http.get;
import static org.convene.journeys.Http.post;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.convene.journeys.ApiOperations.Operation;
import org.convene.journeys.HostileInputs.Hostile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 17's hostile-input suite: every operation of the gateway's live OpenAPI document (so a new endpoint is
 * attacked without being listed here), through the gateway, with at least 50 hostile inputs each, by kind: Mongo
 * operators and {@code $where} in bodies and query strings, wrong types, huge and negative numbers, 10,000-deep
 * nesting, duplicate keys, huge arrays, oversize strings, invalid UTF-8, control and bidi characters, header
 * injection, path traversal and operator-shaped ids, wrong and missing content types, gzip bombs, expired and foreign
 * tokens. Everything but the hostile part reaches real data (an event, a registration, a newsletter, a subscription
 * and the demo organisation made beforehand) with a real organiser's token.
 *
 * <p>Every answer is a 4xx problem detail, never a 5xx, a stack trace or a class name; a read may instead answer
 * exactly what a harmless request answers (the operator taken as text, an unknown parameter ignored). And nothing
 * changed: a fingerprint of every document of every collection of every service's database is the same before and
 * after.
 */
class HostileInputIT {

    private static final int AT_LEAST_PER_ENDPOINT = 50;
    private static final int PARALLEL = 3;
    private static final int ANSWER_WITHIN_MS = 30_000;
    /** What only a stack trace or an internal error names: classes, packages, source lines. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)(exception|stacktrace|\\bat [a-z0-9_.$]+\\(|\\.java:\\d+|\\bjava\\.[a-z]+\\.|jakarta\\.|javax\\."
                    + "|org\\.springframework|org\\.convene|tools\\.jackson|com\\.fasterxml|com\\.mongodb|org\\.bson"
                    + "|io\\.netty|reactor\\.(core|netty)|de\\.bwaldvogel|org\\.h2|127\\.0\\.0\\.1)");

    private static RunningConvene convene;
    private static String organiser;
    private static ApiOperations api;
    private static HostileInputs hostile;

    @BeforeAll
    static void theSystemIsRunningWithSomethingToAttack() throws Exception {
        convene = RunningConvene.shared();
        organiser = convene.organiserToken();
        var fixtures = fixtures();
        await().atMost(Duration.ofSeconds(60))
                .until(() ->
                        !get(convene.gateway() + "/v3/api-docs", null).json().has("x-convene-unavailable"));
        api = new ApiOperations(get(convene.gateway() + "/v3/api-docs", null).json());
        var jwks = get(convene.identity() + "/oauth2/jwks", null).body();
        hostile = new HostileInputs(api, organiser, ForgedTokens.forge(organiser, convene.identity(), jwks), fixtures);
    }

    @Test
    void theLiveApiDocumentListsTheEndpointsOfEveryServiceBehindTheGateway() {
        var names = api.operations().stream().map(Operation::name).toList();
        assertThat(names)
                .contains(
                        "POST /api/events",
                        "GET /api/events/{id}",
                        "POST /api/events/{eventId}/registrations",
                        "POST /api/registrations/{registrationId}/cancel",
                        "POST /api/newsletters",
                        "POST /api/newsletter/subscriptions",
                        "PUT /api/organisations/{id}")
                .hasSizeGreaterThanOrEqualTo(40);
    }

    @Test
    void everyHostileInputOnEveryEndpointIsRefusedWithAProblemDetailAndChangesNothing() throws Exception {
        var operations = api.operations();
        var before = quietFingerprint();
        var started = System.nanoTime();

        var failures = Collections.synchronizedList(new ArrayList<String>());
        var counts = new ConcurrentHashMap<String, Map<String, Integer>>();
        var references = new ConcurrentHashMap<String, Reference>();
        try (var pool = Executors.newFixedThreadPool(PARALLEL)) {
            var futures = new ArrayList<java.util.concurrent.Future<?>>();
            for (var operation : operations) {
                var inputs = hostile.of(operation);
                var byKind = new TreeMap<String, Integer>();
                inputs.forEach(input -> byKind.merge(input.kind(), 1, Integer::sum));
                counts.put(operation.name(), byKind);
                for (var input : inputs) {
                    futures.add(pool.submit(() -> {
                        var answer = RawHttp.send(convene.gatewayPort(), input.request(), ANSWER_WITHIN_MS);
                        var problem = problemWith(input, answer, references);
                        if (problem != null) {
                            failures.add(
                                    operation.name() + " · " + input.kind() + " · " + input.what() + ": " + problem);
                        }
                    }));
                }
            }
            for (var future : futures) {
                future.get();
            }
        }
        var took = Duration.ofNanos(System.nanoTime() - started);
        // A refused request changes nothing at once; an accepted one may reach other services over Kafka a moment
        // later.
        Thread.sleep(3_000);
        var after = StoreFingerprint.of(convene.store());

        report(counts, took);
        assertThat(failures).as("hostile inputs not refused as they should be").isEmpty();
        assertThat(StoreFingerprint.differences(before, after))
                .as("collections changed by hostile inputs")
                .isEmpty();
        assertThat(counts)
                .allSatisfy((endpoint, byKind) -> assertThat(byKind.values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                        .as(endpoint)
                        .isGreaterThanOrEqualTo(AT_LEAST_PER_ENDPOINT));
    }

    private record Reference(int status, String body, boolean stable) {}

    /** Why an answer is not acceptable, or null. */
    private static String problemWith(Hostile input, RawHttp.Response answer, Map<String, Reference> references) {
        if (answer.status() == 0) {
            return "no answer: the connection closed";
        }
        if (refusedByTheHttpParser(answer)) {
            return null;
        }
        var everything = String.join("\n", answer.headerLines()) + "\n" + answer.text();
        var leaked = INTERNALS.matcher(everything);
        if (leaked.find()) {
            return answer.status() + " naming internals (\"" + leaked.group() + "\"): " + shorten(answer.text());
        }
        if (answer.headerLines().stream()
                        .anyMatch(
                                line -> line.toLowerCase(java.util.Locale.ROOT).startsWith("x-injected"))
                || answer.headerLines().stream().anyMatch(line -> line.contains("evil.example"))) {
            return "an injected header came back: " + answer.headerLines();
        }
        if (answer.status() >= 500) {
            return "answered " + answer.status() + ": " + shorten(answer.text());
        }
        if (input.token() && answer.status() != 401) {
            return "answered " + answer.status() + " to a token that is not valid: " + shorten(answer.text());
        }
        if (answer.status() >= 400) {
            return notAProblemDetail(answer);
        }
        if (input.references().isEmpty()) {
            return "accepted (" + answer.status() + "): " + shorten(answer.text());
        }
        var harmless = new ArrayList<String>();
        for (var request : input.references()) {
            var key = new String(request.bytes(0), java.nio.charset.StandardCharsets.ISO_8859_1)
                    .replaceAll("X-Forwarded-For: [0-9.]+", "");
            var reference = references.computeIfAbsent(key, unused -> {
                var first = RawHttp.send(convene.gatewayPort(), request, ANSWER_WITHIN_MS);
                var second = RawHttp.send(convene.gatewayPort(), request, ANSWER_WITHIN_MS);
                return new Reference(first.status(), first.text(), first.text().equals(second.text()));
            });
            // The same answer as a harmless request (its body too, unless that itself varies, like a calendar's stamp).
            if (reference.status() == answer.status()
                    && (!reference.stable() || reference.body().equals(answer.text()))) {
                return null;
            }
            harmless.add(reference.status() + " " + shorten(reference.body()));
        }
        return "answered " + answer.status() + " " + shorten(answer.text()) + " where harmless requests answer "
                + harmless;
    }

    /**
     * Bytes that are not an HTTP request at all (a control character in a header, framing that contradicts itself,
     * a request line or header block over the server's limit) are refused by the HTTP parser before any of
     * Convene's code runs: a bare 400, 413, 414 or 431 without a body. That it has no problem detail is the HTTP
     * server's doing, not Convene's; that it never reached the gateway's filters shows in the missing request id,
     * which every answer from Convene's own code carries.
     */
    private static boolean refusedByTheHttpParser(RawHttp.Response answer) {
        return List.of(400, 413, 414, 431).contains(answer.status())
                && answer.header("X-Request-Id").isEmpty()
                && answer.body().length == 0;
    }

    private static String notAProblemDetail(RawHttp.Response answer) {
        var type = answer.header("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return answer.status() + " without a problem detail (Content-Type \"" + type + "\"): "
                    + shorten(answer.text());
        }
        JsonNode problem;
        try {
            problem = Http.JSON.readTree(answer.text());
        } catch (RuntimeException notJson) {
            return answer.status() + " with a problem detail that is not JSON: " + shorten(answer.text());
        }
        if (problem.path("status").asInt() != answer.status()
                || problem.path("title").asString().isBlank()
                || !problem.path("type").asString().startsWith("https://convene.dev/problems/")) {
            return answer.status() + " with an incomplete problem detail: " + shorten(answer.text());
        }
        return null;
    }

    /**
     * The store's fingerprint once nothing is moving: the journeys run before may leave emails being sent and
     * messages being relayed, which settle within seconds.
     */
    private static Map<String, String> quietFingerprint() throws InterruptedException {
        var previous = StoreFingerprint.of(convene.store());
        for (int i = 0; i < 60; i++) {
            Thread.sleep(1_000);
            var now = StoreFingerprint.of(convene.store());
            if (now.equals(previous)) {
                return now;
            }
            previous = now;
        }
        throw new AssertionError("the store kept changing for a minute without any request: "
                + StoreFingerprint.differences(previous, StoreFingerprint.of(convene.store())));
    }

    private static void report(Map<String, Map<String, Integer>> counts, Duration took) {
        var lines = new StringBuilder(
                "Hostile inputs tried per endpoint, through the gateway (" + took.toSeconds() + " s):\n");
        var byKind = new TreeMap<String, Integer>();
        int total = 0;
        for (var entry : new TreeMap<>(counts).entrySet()) {
            int sum = entry.getValue().values().stream()
                    .mapToInt(Integer::intValue)
                    .sum();
            total += sum;
            lines.append(String.format("  %5d  %s%n", sum, entry.getKey()));
            entry.getValue().forEach((kind, n) -> byKind.merge(kind, n, Integer::sum));
        }
        lines.append("By kind:\n");
        byKind.forEach((kind, n) -> lines.append(String.format("  %5d  %s%n", n, kind)));
        lines.append(String.format("  %5d  in all, on %d endpoints%n", total, counts.size()));
        System.out.print(lines);
    }

    /**
     * What the attacks aim at: a published event with a registration (its id and its private manage token), a draft
     * newsletter, a subscription's private token, and the demo organisation, by the path segment before their id.
     */
    private static Map<String, String> fixtures() {
        var tag = UUID.randomUUID().toString().substring(0, 6);
        var start = LocalDateTime.now()
                .plusDays(35)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var created = post(convene.gateway() + "/api/events", """
                {"title":"Hostile suite %s","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s","endsAt":"%s",
                 "timeZone":"Europe/London","capacity":10,"maxCompanions":2,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT"}}""".formatted(tag, start, start.plusHours(2)), organiser);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var event = created.json().path("id").asString();
        assertThat(post(convene.gateway() + "/api/events/" + event + "/publish", null, organiser)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(convene.gateway() + "/api/events/" + event + "/availability", null)
                                .status()
                        == 200);
        var registered = Http.postFrom(
                "198.51.100.77", convene.gateway() + "/api/events/" + event + "/registrations", """
                {"attendee":{"name":"Robin","email":"hostile-%s@example.org","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"}}""".formatted(tag));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        var manage = registered.json().path("manageLink").asString();
        var newsletter = post(
                convene.gateway() + "/api/newsletters",
                "{\"subject\":\"Hostile suite " + tag + "\",\"markdown\":\"Hello\",\"topics\":[\"workshops\"]}",
                organiser);
        assertThat(newsletter.status()).as(newsletter.body()).isEqualTo(201);
        var reader = "hostile-reader-" + tag + "@example.org";
        assertThat(post(
                                convene.gateway() + "/api/newsletter/subscriptions",
                                "{\"organisationId\":\"demo\",\"email\":\"" + reader + "\",\"topics\":[\"workshops\"]}",
                                null)
                        .status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !emailsTo(convene, reader).isEmpty());
        var confirm = Pattern.compile("/newsletter/confirm/([A-Za-z0-9_-]+)")
                .matcher(emailsTo(convene, reader).getFirst().path("text").asString());
        assertThat(confirm.find()).isTrue();
        return Map.of(
                "events", event,
                "registrations", registered.json().path("id").asString(),
                "manage", manage.substring(manage.lastIndexOf('/') + 1),
                "newsletters", newsletter.json().path("id").asString(),
                "subscriptions", confirm.group(1),
                "organisations", "demo");
    }

    private static String shorten(String text) {
        var oneLine = text.replace('\n', ' ').replace('\r', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
