package org.convene.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.get;
import static org.convene.journeys.Http.post;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * The system as {@code ./convene run --replicas 2} starts it (issue 20, ADR 18): two instances of every
 * service, gateway included, one broker and one store. People use either gateway: a registration and its
 * confirmation email; a burst of registrations through both gateways (no seat given twice, every answered
 * registration stored once, nobody registered twice, every email once); an organiser signed in through one
 * gateway is signed in at the other, and stays signed in when theirs is killed; a service instance killed
 * is left out by the gateways' load balancers while the launcher starts it again; and issue 20's fault test:
 * one instance of every service SIGKILLed at once during a burst and a newsletter, every email counted.
 *
 * <p>It starts a stack of its own, after stopping the one the other journeys share (failsafe runs the
 * classes in alphabetical order, so this one comes after them): two stacks at once would starve each other
 * on a two-core machine. It takes five to seven minutes, so it is left out of the default run (end-to-end's
 * pom): {@code -Dit.test=ReplicasJourneysIT}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasJourneysIT {

    private static final Duration EMAIL_WAIT = Duration.ofSeconds(60);
    private static final int CAPACITY = 20;
    private static final int PEOPLE_AT_ONCE = 4;
    /** The burst runs until the event is full and people wait, for at most this long. */
    private static final Duration BURST_LIMIT = Duration.ofSeconds(90);

    private static final int FAULT_CAPACITY = 30;
    private static final int SUBSCRIBERS = 20;
    /**
     * One instance of each service, SIGKILLed at once mid-burst: the first gateway (where the organiser
     * signed in), the first notifications-service (sending the newsletter or not), the others' second.
     */
    private static final List<String> KILLED = List.of(
            // First, so the newsletter just scheduled is more likely still being sent (the run says how it stood).
            "notifications-service",
            "gateway",
            "events-service-2",
            "registrations-service-2",
            "identity-service-2",
            "web-2");
    /** ADR 9's window: what the killed notifications-service's senders held (4 workers × 10). */
    private static final int MOST_DUPLICATES = 4 * 10;

    private static final String tag = UUID.randomUUID().toString().substring(0, 6);
    private static RunningConvene convene;
    private static String organiser;

    @BeforeAll
    static void twoInstancesOfEveryServiceAreRunning() throws Exception {
        RunningConvene.stopShared();
        convene = RunningConvene.withReplicas(2);
        organiser = convene.organiserToken();
        assertThat(organiser).isNotBlank();
        for (var service : List.of(
                "events-service", "registrations-service", "notifications-service", "identity-service", "web")) {
            assertThat(convene.ready(service)).as(service).isTrue();
            assertThat(convene.ready(service + "-2")).as(service + "-2").isTrue();
        }
        assertThat(convene.output()).contains(convene.gateway(1) + "/", convene.gateway(2) + "/");
    }

    @AfterAll
    static void stop() {
        if (convene != null) {
            convene.stop();
        }
    }

    @Test
    @Order(1)
    void someoneRegistersThroughTheSecondGatewayAndGetsTheirConfirmationOnce() {
        var title = "Replicas workshop " + tag;
        var eventId = publishedWorkshop(title, 10);
        var person = "replica-" + tag + "@example.org";
        var registered =
                post(convene.gateway(2) + "/api/events/" + eventId + "/registrations", """
                {"attendee":{"name":"Robin","email":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},
                 "companions":["CARER"]}""".formatted(person), null);
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("status").asString()).isEqualTo("CONFIRMED");

        await().atMost(EMAIL_WAIT).until(() -> Http.subjectsTo(convene, person).contains("You're booked: " + title));
        // The count holds for a while: a second copy from the other notifications instance would have come.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(15))
                .until(() -> Http.subjectsTo(convene, person).size() == 1);
        // Both gateways answer the same availability, whichever instance of registrations-service serves it.
        for (int gateway = 1; gateway <= 2; gateway++) {
            var availability = get(convene.gateway(gateway) + "/api/events/" + eventId + "/availability", null);
            assertThat(availability.status()).isEqualTo(200);
            assertThat(availability.json().path("seatsTaken").asInt()).isEqualTo(2);
        }
    }

    @Test
    @Order(2)
    void aBurstThroughBothGatewaysGivesNoSeatTwiceAndLosesOrDuplicatesNoRegistrationOrEmail() throws Exception {
        var title = "Replicas burst " + tag;
        var eventId = publishedWorkshop(title, CAPACITY);
        var inboxFrom = lastEmailId();
        // Odd-numbered people through the first gateway, even-numbered through the second.
        var load = new RegistrationLoad(number -> convene.gateway(1 + number % 2), eventId, tag, PEOPLE_AT_ONCE);
        load.start();
        try {
            // Everyone answered takes at least one seat: past CAPACITY answers the event is full, and the next
            // few wait. No longer than that: the checks below need a full event and a queue, not a long burst.
            await().atMost(BURST_LIMIT).until(() -> load.answered() > CAPACITY + PEOPLE_AT_ONCE);
        } finally {
            load.stop();
        }
        var people = load.people();
        assertThat(load.unanswered()).as("people left without a final answer").isEmpty();
        assertThat(load.refusals())
                .as("final answers other than a decision (201/200, confirmed or waitlisted)")
                .isEmpty();
        assertThat(people).as("people who registered").hasSizeGreaterThan(CAPACITY / 3);

        var stored = storedRegistrations(eventId);
        var confirmedSeats = stored.stream()
                .filter(registration -> "CONFIRMED".equals(registration.getString("status")))
                .mapToInt(registration -> registration.getInteger("seats"))
                .sum();
        assertThat(confirmedSeats).as("seats of confirmed registrations").isLessThanOrEqualTo(CAPACITY);
        assertThat(stored)
                .as("the event filled and people waited")
                .anyMatch(registration -> "WAITLISTED".equals(registration.getString("status")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int gateway = 1; gateway <= 2; gateway++) {
                var availability = get(convene.gateway(gateway) + "/api/events/" + eventId + "/availability", null)
                        .json();
                assertThat(availability.path("seatsTaken").asInt()).isEqualTo(confirmedSeats);
            }
        });

        var storedIds =
                stored.stream().map(document -> document.getString("_id")).collect(Collectors.toSet());
        assertThat(people)
                .as("every answered registration is stored")
                .allSatisfy(person -> assertThat(storedIds).contains(person.registrationId()));
        assertThat(stored).as("registrations stored, one per person").hasSize(people.size());
        assertThat(stored.stream()
                        .collect(Collectors.groupingBy(
                                document ->
                                        document.get("attendee", Document.class).getString("email"),
                                Collectors.counting()))
                        .values())
                .as("registrations per person")
                .allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(people)
                .as("every attempt sent again got the same registration")
                .allSatisfy(person -> assertThat(person.differentAnswers()).isZero());

        // Every person heard of their registration, and no email came twice (nothing was killed here).
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    var received = receivedSince(inboxFrom);
                    assertThat(people)
                            .allSatisfy(person -> assertThat(received.getOrDefault(person.email(), Map.of()))
                                    .as("emails to " + person.email())
                                    .isNotEmpty());
                });
        // The counts hold for a quiet while: a second copy, were one on its way, would have come.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(receivedSince(inboxFrom).values())
                        .as("emails per person and subject")
                        .allSatisfy(subjects -> assertThat(subjects.values())
                                .allSatisfy(count -> assertThat(count).isEqualTo(1L))));
        System.out.printf(
                "ReplicasJourneysIT: %d people registered through two gateways (%d answers asked again), %d seats"
                        + " confirmed of %d%n",
                people.size(), load.retries(), confirmedSeats, CAPACITY);
    }

    @Test
    @Order(3)
    void anOrganiserSignedInThroughOneGatewayIsSignedInAtTheOtherAndStaysSoWhenTheirGatewayDies() throws Exception {
        var browser = new Browser();
        signIn(browser, convene.gateway(2));
        assertThat(browser.get(convene.gateway(2) + "/api/session").body())
                .contains("\"signedIn\":true", "\"organisationId\":\"demo\"");
        // The browser sends the same session cookie to either gateway (cookies do not tell ports apart).
        assertThat(browser.get(convene.gateway(1) + "/api/session").body()).contains("\"signedIn\":true");

        convene.kill("gateway-2");
        assertThat(browser.get(convene.gateway(1) + "/api/session").body())
                .as("the session outlives the gateway it was made at")
                .contains("\"signedIn\":true");
        var created = browser.postJson(
                convene.gateway(1) + "/api/events", eventBody("Signed in " + tag, 12), browser.cookie("XSRF-TOKEN"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> convene.ready("gateway-2"));
        assertThat(browser.get(convene.gateway(2) + "/api/session").body())
                .as("and is known to the gateway started again")
                .contains("\"signedIn\":true");
    }

    @Test
    @Order(4)
    void aServiceInstanceKilledIsLeftOutByTheGatewaysUntilItIsBack() {
        var eventId = publishedWorkshop("Replicas kill " + tag, 10);
        convene.kill("events-service-2");
        // The load balancers ask each instance's readiness every second: within a few seconds every read
        // goes to the instance still there (a GET that met the dead one is tried again on the other).
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    for (int i = 0; i < 10; i++) {
                        if (get(convene.gateway(1 + i % 2) + "/api/events/" + eventId, null)
                                        .status()
                                != 200) {
                            return false;
                        }
                    }
                    return true;
                });
        var created = post(convene.gateway(1) + "/api/events", eventBody("While one is away " + tag, 5), organiser);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(240))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> convene.ready("events-service-2"));
    }

    @Test
    @Order(5)
    void oneInstanceOfEachServiceKilledDuringABurstAndANewsletterLosesAndDuplicatesNothingAndSignsNobodyOut()
            throws Exception {
        var started = Instant.now();
        var title = "Replicas faults " + tag;
        var eventId = publishedWorkshop(title, FAULT_CAPACITY);
        var subscribers = confirmedSubscribers();
        var browser = new Browser();
        signIn(browser, convene.gateway(1));
        var inboxFrom = lastEmailId();
        // Their own addresses ("fault<n>-<tag>k"), apart from the earlier burst's people.
        var load = new RegistrationLoad(number -> convene.gateway(1 + number % 2), eventId, tag + "k", PEOPLE_AT_ONCE);
        Duration away;
        String newsletterWhenKilled;
        load.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> load.answered() >= 5);
            var newsletter = Http.sendNewsletter(convene, organiser, "Replicas news " + tag);
            // Said in the run's output, not asserted: whether the kill met the newsletter being sent is timing.
            newsletterWhenKilled = newsletterStatus(newsletter);
            var killed = Instant.now();
            KILLED.forEach(convene::kill);
            assertThat(browser.get(convene.gateway(2) + "/api/session").body())
                    .as("the session made at the gateway just killed, at the other")
                    .contains("\"signedIn\":true");
            // The launcher starts each again within a second; six JVMs at once on two cores take a while.
            await().atMost(Duration.ofSeconds(240))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> KILLED.stream().allMatch(convene::ready));
            var ready = Instant.now();
            away = Duration.between(killed, ready);
            load.awaitAnswerAfter(ready, Duration.ofSeconds(120));
            awaitNewsletterSent(newsletter);
        } finally {
            load.stop();
        }
        assertThat(browser.get(convene.gateway(1) + "/api/session").body())
                .as("and at the gateway started again")
                .contains("\"signedIn\":true");

        var people = load.people();
        assertThat(load.unanswered()).as("people left without a final answer").isEmpty();
        assertThat(load.refusals())
                .as("final answers other than a decision (201/200, confirmed or waitlisted)")
                .isEmpty();
        var stored = storedRegistrations(eventId);
        var confirmedSeats = stored.stream()
                .filter(registration -> "CONFIRMED".equals(registration.getString("status")))
                .mapToInt(registration -> registration.getInteger("seats"))
                .sum();
        assertThat(confirmedSeats).as("seats of confirmed registrations").isLessThanOrEqualTo(FAULT_CAPACITY);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int gateway = 1; gateway <= 2; gateway++) {
                var availability = get(convene.gateway(gateway) + "/api/events/" + eventId + "/availability", null)
                        .json();
                assertThat(availability.path("seatsTaken").asInt()).isEqualTo(confirmedSeats);
            }
        });
        var storedIds =
                stored.stream().map(document -> document.getString("_id")).collect(Collectors.toSet());
        assertThat(people)
                .as("every answered registration is stored")
                .allSatisfy(person -> assertThat(storedIds).contains(person.registrationId()));
        assertThat(stored).as("registrations stored, one per person").hasSize(people.size());
        assertThat(stored.stream()
                        .collect(Collectors.groupingBy(
                                document ->
                                        document.get("attendee", Document.class).getString("email"),
                                Collectors.counting()))
                        .values())
                .as("registrations per person")
                .allSatisfy(count -> assertThat(count).isEqualTo(1));
        assertThat(people)
                .as("every attempt sent again got the same registration")
                .allSatisfy(person -> assertThat(person.differentAnswers()).isZero());

        var expected = ExpectedEmails.of(people, stored, title);
        await().atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(ExpectedEmails.notArrived(expected, receivedSince(inboxFrom)))
                        .as("people whose emails have not (all) arrived, with what they got")
                        .isEmpty());
        // Whatever was still on its way has come once nothing more arrives for a while.
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(ReplicasJourneysIT::lastEmailId, new java.util.function.Predicate<Long>() {
                    private long seen = -1;

                    @Override
                    public boolean test(Long last) {
                        var quiet = seen == -1 || last == seen;
                        seen = last;
                        return quiet;
                    }
                });
        var received = receivedSince(inboxFrom);
        long duplicates = 0;
        for (var person : expected) {
            var got = received.getOrDefault(person.email(), Map.of());
            assertThat(got.keySet())
                    .as("subjects of emails to " + person.email())
                    .allSatisfy(subject -> assertThat(person.subjects()).contains(subject));
            duplicates += person.secondCopies(got);
        }
        assertThat(received.keySet().stream()
                        .filter(address -> address.startsWith("fault")
                                && expected.stream()
                                        .noneMatch(person -> person.email().equals(address)))
                        .toList())
                .as("emails to people who never registered")
                .isEmpty();
        var news = "Replicas news " + tag;
        assertThat(subscribers)
                .allSatisfy(subscriber -> assertThat(
                                received.getOrDefault(subscriber, Map.of()).getOrDefault(news, 0L))
                        .as("newsletters to " + subscriber)
                        .isBetween(1L, "SENT".equals(newsletterWhenKilled) ? 1L : 2L));
        // Sent before the kill: exactly once. Still to send or being sent when its sender was SIGKILLed: ADR 9's
        // window (a batch the SMTP server accepted before the killed sender recorded it) may go twice, and
        // those copies count with the registrations' against what the killed instance's senders held.
        duplicates += subscribers.stream()
                .mapToLong(subscriber ->
                        received.getOrDefault(subscriber, Map.of()).getOrDefault(news, 0L) - 1)
                .sum();
        assertThat(duplicates).as("second copies (ADR 9's window)").isLessThanOrEqualTo(MOST_DUPLICATES);
        System.out.printf(
                "ReplicasJourneysIT: %s killed (the newsletter %s just before); %d people registered through two gateways (%d answers asked again),"
                        + " %d seats confirmed of %d, %d second copies (at most %d allowed), %d subscribers; every"
                        + " killed instance ready again after %d s; in %d s%n",
                KILLED,
                newsletterWhenKilled,
                people.size(),
                load.retries(),
                confirmedSeats,
                FAULT_CAPACITY,
                duplicates,
                MOST_DUPLICATES,
                subscribers.size(),
                away.toSeconds(),
                Duration.between(started, Instant.now()).toSeconds());
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static String publishedWorkshop(String title, int capacity) {
        var created = await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(
                        () -> post(convene.gateway(1) + "/api/events", eventBody(title, capacity), organiser),
                        answer -> answer.status() != 503);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().path("id").asString();
        var published = post(convene.gateway(1) + "/api/events/" + id + "/publish", null, organiser);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        // Both instances of registrations-service learn of it from the broker (each its partitions).
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(convene.gateway(2) + "/api/events/" + id + "/availability", null)
                                .status()
                        == 200);
        return id;
    }

    /** Subscribers to the demo organisation's workshops news, each confirmed through the link in their email. */
    private static List<String> confirmedSubscribers() {
        var subscribers = new ArrayList<String>();
        var from = lastEmailId();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            var address = "reader" + i + "-" + tag + "@example.org";
            var subscribed = Http.postFrom(
                    "192.0.2." + (i + 1),
                    convene.gateway(1 + i % 2) + "/api/newsletter/subscriptions",
                    "{\"organisationId\":\"demo\",\"email\":\"" + address + "\",\"topics\":[\"workshops\"]}");
            assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(202);
            subscribers.add(address);
        }
        var link = Pattern.compile("(http\\S+/newsletter/confirm/[A-Za-z0-9_-]+)");
        var confirmed = new java.util.HashSet<String>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var emails = new ArrayList<JsonNode>();
                    get(convene.inbox() + "?since=" + from, null).json().forEach(emails::add);
                    for (var email : emails) {
                        var to = email.path("to").get(0).asString();
                        if (subscribers.contains(to) && !confirmed.contains(to)) {
                            var found = link.matcher(email.path("text").asString());
                            assertThat(found.find()).isTrue();
                            assertThat(post(found.group(1), null, null).status())
                                    .isEqualTo(200);
                            confirmed.add(to);
                        }
                    }
                    return confirmed.size() == subscribers.size();
                });
        return subscribers;
    }

    /** Asked through the second gateway: the first is one of those killed meanwhile. */
    private static void awaitNewsletterSent(String newsletter) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> newsletterStatus(newsletter).equals("SENT"));
    }

    private static String newsletterStatus(String newsletter) {
        try {
            var answer = get(convene.gateway(2) + "/api/newsletters/" + newsletter, organiser);
            return answer.status() == 200
                    ? answer.json().path("status").asString()
                    : "unknown (" + answer.status() + ")";
        } catch (java.io.UncheckedIOException unreachable) {
            return "unknown (" + unreachable.getMessage() + ")";
        }
    }

    private static String eventBody(String title, int capacity) {
        var start = LocalDateTime.now()
                .plusDays(30)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        return """
                {"title":"%s","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s","endsAt":"%s",
                 "timeZone":"Europe/London","capacity":%d,"maxCompanions":2,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT"}}""".formatted(title, start, start.plusHours(2), capacity);
    }

    /** The demo organiser signs in through {@code gateway} (OIDC authorization code with PKCE at identity-service). */
    private static void signIn(Browser browser, String gateway) throws Exception {
        var toProvider = browser.get(gateway + "/oauth2/authorization/convene");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        var toSignIn = browser.get(location(toProvider));
        var page = browser.get(location(toSignIn));
        var csrf = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(page.body());
        assertThat(csrf.find()).as(page.body()).isTrue();
        var signedIn = browser.postForm(
                convene.identity() + "/login",
                "email=organiser%40demo.convene.test&password="
                        + URLEncoder.encode(convene.organiserPassword(), StandardCharsets.UTF_8) + "&_csrf="
                        + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        var withCode = browser.get(location(signedIn));
        assertThat(location(withCode)).startsWith(gateway + "/login/oauth2/code/convene?code=");
        assertThat(browser.get(location(withCode)).statusCode()).isEqualTo(302);
    }

    private static String location(HttpResponse<String> response) {
        return response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no redirect: " + response.statusCode() + " " + response.body()));
    }

    private static List<Document> storedRegistrations(String eventId) {
        try (var client = MongoClients.create(convene.store())) {
            return client.getDatabase("convene-registrations")
                    .getCollection("registrations")
                    .find(Filters.eq("eventId", eventId))
                    .into(new ArrayList<>());
        }
    }

    private static long lastEmailId() {
        var all = get(convene.inbox(), null).json();
        return all.isEmpty() ? 0 : all.get(all.size() - 1).path("id").asLong();
    }

    /** What arrived since that email for this run's addresses: address → subject → how many. */
    private static Map<String, Map<String, Long>> receivedSince(long id) {
        var emails = new ArrayList<JsonNode>();
        get(convene.inbox() + "?since=" + id, null).json().forEach(emails::add);
        return emails.stream()
                .filter(email -> email.path("to").get(0).asString().contains(tag))
                .collect(Collectors.groupingBy(
                        email -> email.path("to").get(0).asString(),
                        TreeMap::new,
                        Collectors.groupingBy(
                                email -> email.path("subject").asString(), TreeMap::new, Collectors.counting())));
    }

    /** Just enough of a browser: cookies per host (not per port, as browsers keep them), redirects one by one. */
    private static final class Browser {

        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String url, String form) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(String url, String json, String xsrf) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals(name))
                    .map(java.net.HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        }
    }
}
