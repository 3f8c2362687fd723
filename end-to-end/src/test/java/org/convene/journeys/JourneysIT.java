package org.convene.journeys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.emailsTo;
import static org.convene.journeys.Http.get;
import static org.convene.journeys.Http.post;
import static org.convene.journeys.Http.postForm;
import static org.convene.journeys.Http.subjectsTo;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The journeys of issue 7, lived as users live them, through the gateway only, against the whole
 * system ({@code ./convene run}: every service, the real broker, the store, the SMTP server). Each
 * journey builds on the one before and ends by counting every email each person received.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneysIT {

    private static final Duration EMAIL_WAIT = Duration.ofSeconds(60);
    private static final String CONTACT = "team@demo.convene.test";

    private static RunningConvene convene;
    private static String organiser;
    private static String eventId;
    private static String title;
    private static final String tag = UUID.randomUUID().toString().substring(0, 6);
    private static final String youngPerson = "young-" + tag + "@example.org";
    private static final List<String> others = new ArrayList<>();
    private static final String late = "late-" + tag + "@example.org";
    private static final String stillWaiting = "waiting-" + tag + "@example.org";
    private static String youngPersonsManageLink;

    @BeforeAll
    static void theSystemIsRunning() throws Exception {
        convene = RunningConvene.shared();
        organiser = convene.organiserToken();
        assertThat(organiser).isNotBlank();
        for (int i = 1; i <= 8; i++) {
            others.add("person" + i + "-" + tag + "@example.org");
        }
    }

    @Test
    @Order(1)
    void anOrganiserCreatesAndPublishesAWorkshopWithTenSeatsAndBslInterpreters() {
        title = "Peer research workshop " + tag;
        var start = LocalDateTime.now()
                .plusDays(21)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var created =
                post(convene.gateway() + "/api/events", """
                {"title":"%s","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s","endsAt":"%s",
                 "timeZone":"Europe/London","capacity":10,"maxCompanions":2,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT",
                          "accessibility":["STEP_FREE_ACCESS"]},
                 "support":{"interpreterLanguages":["BSL"]}}""".formatted(title, start, start.plusHours(4)), organiser);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        eventId = created.json().path("id").asString();
        var published = post(convene.gateway() + "/api/events/" + eventId + "/publish", null, organiser);
        assertThat(published.status()).as(published.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(convene.gateway() + "/api/events/" + eventId + "/availability", null)
                                .status()
                        == 200);
        assertThat(get(convene.gateway() + "/api/events/" + eventId, null).body())
                .contains(title, "BSL");
    }

    @Test
    @Order(2)
    void aYoungPersonRegistersWithACarerAndABslInterpreterAndEveryoneConcernedHearsOfIt() {
        var registered = register(youngPerson, "Jordan", "[\"CARER\"]", "{\"interpreter\":\"BSL\"}");
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        assertThat(registered.json().path("status").asString()).isEqualTo("CONFIRMED");
        assertThat(registered.json().path("seats").asInt()).isEqualTo(2);
        youngPersonsManageLink = registered.json().path("manageLink").asString();

        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, youngPerson).contains("You're booked: " + title));
        var confirmation = emailsTo(convene, youngPerson).getFirst();
        assertThat(confirmation.path("attachments").toString()).contains("event.ics", "text/calendar");
        assertThat(confirmation.path("text").asString()).contains("/manage/", "BSL interpreter", "Demo organisation");
        assertThat(confirmation.path("text").asString()).contains(convene.gateway());
        // The code the email gives for the door is the one registrations-service answers with and checks in by.
        var checkInCode = registered.json().path("checkInCode").asString();
        assertThat(checkInCode).isNotBlank();
        assertThat(confirmation.path("text").asString()).contains(checkInCode);

        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, CONTACT).contains("Support requested for " + title));
        var alert = emailsTo(convene, CONTACT).stream()
                .filter(email -> email.path("subject").asString().equals("Support requested for " + title))
                .findFirst()
                .orElseThrow();
        assertThat(alert.path("text").asString()).contains("BSL interpreter").doesNotContain("Jordan", youngPerson);

        var summary = get(convene.gateway() + "/api/events/" + eventId + "/registrations/summary", organiser);
        assertThat(summary.status()).as(summary.body()).isEqualTo(200);
        assertThat(summary.json().path("interpretersByLanguage").path("BSL").asLong())
                .isEqualTo(1);
        assertThat(summary.json().path("companionsByKind").path("CARER").asLong())
                .isEqualTo(1);

        assertExactly(youngPerson, "You're booked: " + title, 1);
        assertExactly(CONTACT, "Support requested for " + title, 1);
    }

    @Test
    @Order(3)
    void theEventFillsTheNextPersonWaitsAndIsPromotedWhenTheFirstCancelsEvenThoughAServiceCrashedMeanwhile() {
        for (var person : others) {
            var answer = register(person, "Sam", "[]", "null");
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.json().path("status").asString()).isEqualTo("CONFIRMED");
        }
        var waiting = register(late, "Robin", "[]", "null");
        assertThat(waiting.json().path("status").asString()).isEqualTo("WAITLISTED");

        // registrations-service dies: its routes answer 503 problem details, the others go on.
        convene.kill("registrations-service");
        try {
            var refused = get(convene.gateway() + "/api/events/" + eventId + "/availability", null);
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.body()).doesNotContain("127.0.0.1", "localhost", "Exception", "registrations-service");
            assertThat(refused.took()).isLessThan(Duration.ofSeconds(10));
            var otherRoute = get(convene.gateway() + "/api/events/" + eventId, null);
            assertThat(otherRoute.status()).isEqualTo(200);
            assertThat(otherRoute.took()).isLessThan(Duration.ofSeconds(2));
        } finally {
            // The launcher starts it again; the journey goes on where it was.
            await().atMost(Duration.ofSeconds(120)).until(() -> convene.ready("registrations-service"));
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> get(convene.gateway() + "/api/events/" + eventId + "/availability", null)
                                    .status()
                            == 200);
        }
        // The link opens the manage page; the same token works on the API behind it.
        var cancelled =
                post(youngPersonsManageLink.replace("/manage/", "/api/registrations/manage/") + "/cancel", null, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, late).contains("A place came up for you: " + title));
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, youngPerson).contains("Your place is cancelled: " + title));
        // The counts hold for a while: a duplicate, were there one, would have arrived.
        holdsFor(Duration.ofSeconds(3), () -> {
            assertExactly(youngPerson, "You're booked: " + title, 1);
            assertExactly(youngPerson, "Your place is cancelled: " + title, 1);
            assertExactly(late, "You're on the waiting list: " + title, 1);
            assertExactly(late, "A place came up for you: " + title, 1);
            for (var person : others) {
                assertExactly(person, "You're booked: " + title, 1);
                assertThat(subjectsTo(convene, person)).hasSize(1);
            }
        });
    }

    @Test
    @Order(4)
    void whenTheOrganiserReschedulesEveryoneRegisteredOrWaitingGetsOneEmailWithTheNewTime() {
        var party = register(stillWaiting, "Alex", "[\"CARER\",\"SUPPORT_WORKER\"]", "null");
        assertThat(party.json().path("status").asString()).as(party.body()).isEqualTo("WAITLISTED");
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, stillWaiting).contains("You're on the waiting list: " + title));

        var start = LocalDateTime.now()
                .plusDays(28)
                .withHour(13)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var rescheduled = post(
                convene.gateway() + "/api/events/" + eventId + "/reschedule",
                """
                {"startsAt":"%s","endsAt":"%s","timeZone":"Europe/London"}""".formatted(start, start.plusHours(3)),
                organiser);
        assertThat(rescheduled.status()).as(rescheduled.body()).isEqualTo(200);

        var concerned = new ArrayList<>(others);
        concerned.add(late);
        concerned.add(stillWaiting);
        for (var person : concerned) {
            await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, person).contains("New time: " + title));
        }
        // The counts hold for a while: a duplicate, were there one, would have arrived.
        holdsFor(Duration.ofSeconds(3), () -> {
            for (var person : concerned) {
                assertExactly(person, "New time: " + title, 1);
            }
            assertExactly(youngPerson, "New time: " + title, 0);
        });
    }

    @Test
    @Order(5)
    void aSubscriberConfirmsGetsTheNewsletterOnceLeavesInOneClickAndGetsNoMore() {
        var reader = "reader-" + tag + "@example.org";
        var subscribed = post(
                convene.gateway() + "/api/newsletter/subscriptions",
                "{\"organisationId\":\"demo\",\"email\":\"" + reader + "\",\"topics\":[\"workshops\"]}",
                null);
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(202);
        await().atMost(EMAIL_WAIT).until(() -> !emailsTo(convene, reader).isEmpty());
        var link = Pattern.compile("(http\\S+/newsletter/confirm/[A-Za-z0-9_-]+)")
                .matcher(emailsTo(convene, reader).getFirst().path("text").asString());
        assertThat(link.find()).isTrue();
        assertThat(get(link.group(1), null).status())
                .as("opening the link changes nothing")
                .isEqualTo(200);
        assertThat(post(link.group(1), null, null).status()).isEqualTo(200);

        var first = Http.sendNewsletter(convene, organiser, "Spring news " + tag);
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, reader).contains("Spring news " + tag));
        var newsletter = emailsTo(convene, reader).stream()
                .filter(email -> email.path("subject").asString().equals("Spring news " + tag))
                .findFirst()
                .orElseThrow();
        var headers = newsletter.path("headers");
        assertThat(headers.path("List-Unsubscribe-Post").get(0).asString()).isEqualTo("List-Unsubscribe=One-Click");
        var unsubscribe = headers.path("List-Unsubscribe").get(0).asString().replaceAll("^<|>$", "");
        assertThat(unsubscribe).startsWith(convene.gateway() + "/newsletter/unsubscribe/");

        // What a mail app does on "unsubscribe" (RFC 8058): one POST, nothing else.
        assertThat(postForm(unsubscribe, "List-Unsubscribe=One-Click").status()).isEqualTo(200);

        var second = Http.sendNewsletter(convene, organiser, "Summer news " + tag);
        await().atMost(EMAIL_WAIT)
                .until(() -> get(convene.gateway() + "/api/newsletters/" + second, organiser)
                        .json()
                        .path("status")
                        .asString()
                        .equals("SENT"));
        assertThat(get(convene.gateway() + "/api/newsletters/" + first, organiser)
                        .json()
                        .path("progress")
                        .path("sent")
                        .asLong())
                .isGreaterThanOrEqualTo(1);
        // The counts hold for a while: a duplicate, were there one, would have arrived.
        holdsFor(Duration.ofSeconds(2), () -> {
            assertExactly(reader, "Please confirm your subscription to Demo organisation", 1);
            assertExactly(reader, "Spring news " + tag, 1);
            assertExactly(reader, "Summer news " + tag, 0);
        });
    }

    @Test
    @Order(6)
    void whenTheOrganiserCancelsTheEventEveryoneRegisteredOrWaitingGetsOneEmail() {
        var cancelled = post(
                convene.gateway() + "/api/events/" + eventId + "/cancel",
                "{\"reason\":\"The venue flooded.\"}",
                organiser);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);

        var concerned = new ArrayList<>(others);
        concerned.add(late);
        concerned.add(stillWaiting);
        for (var person : concerned) {
            await().atMost(EMAIL_WAIT).until(() -> cancellations(person) == 1);
        }
        // The counts hold for a while: a duplicate, were there one, would have arrived.
        holdsFor(Duration.ofSeconds(3), () -> {
            for (var person : concerned) {
                assertThat(cancellations(person))
                        .as("cancellations to " + person)
                        .isEqualTo(1);
            }
            // The young person had already cancelled: that one email, nothing more.
            assertExactly(youngPerson, "Your place is cancelled: " + title, 1);
            assertThat(subjectsTo(convene, youngPerson)).hasSize(2);
        });
    }

    @Test
    @Order(7)
    void aBurstOfRegistrationsFromOneAddressIsTurnedAwayBeyondTheLimitWithRetryAfter() {
        var answers = new ArrayList<Http.Answer>();
        for (int i = 0; i < 100; i++) {
            answers.add(Http.postFrom(
                    "203.0.113.7", convene.gateway() + "/api/events/" + eventId + "/registrations", """
                    {"attendee":{"name":"Bot","email":"bot%d-%s@example.org","role":"OTHER","ageBand":"OVER_25"}}""".formatted(
                                    i, tag)));
        }
        var limited = answers.stream().filter(answer -> answer.status() == 429).toList();
        assertThat(limited).as("refused beyond the limit").hasSizeGreaterThanOrEqualTo(80);
        assertThat(limited).allSatisfy(answer -> {
            assertThat(answer.headers().firstValue("Retry-After")).isPresent();
            assertThat(answer.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        });
        assertThat(answers.subList(0, 5)).noneMatch(answer -> answer.status() == 429);
        // Someone else, meanwhile, is not held back by it.
        var someoneElse = Http.postFrom(
                "203.0.113.99", convene.gateway() + "/api/events/" + eventId + "/registrations", """
                {"attendee":{"name":"Kim","email":"kim-%s@example.org","role":"CARER","ageBand":"OVER_25"}}""".formatted(tag));
        assertThat(someoneElse.status()).isNotEqualTo(429);
    }

    @Test
    @Order(8)
    void theGatewaysOneApiDocumentListsEveryPublicEndpointOfEveryService() {
        var gateway = get(convene.gateway() + "/v3/api-docs", null);
        assertThat(gateway.status()).isEqualTo(200);
        var document = gateway.json();
        assertThat(document.path("openapi").asString()).startsWith("3.");
        assertThat(document.has("x-convene-unavailable"))
                .as("every service answered")
                .isFalse();
        var listed = new java.util.HashSet<String>();
        document.path("paths").propertyNames().forEach(listed::add);
        for (var service : List.of("events-service", "registrations-service", "notifications-service")) {
            var own = get(convene.service(service) + "/v3/api-docs", null).json();
            var paths = new ArrayList<String>();
            own.path("paths").propertyNames().forEach(paths::add);
            assertThat(paths).as(service + "'s own document").isNotEmpty();
            assertThat(listed)
                    .as("the gateway's document lists " + service + "'s API")
                    .containsAll(paths.stream()
                            .filter(path -> path.startsWith("/api/"))
                            .toList());
        }
        assertThat(get(convene.gateway() + "/swagger-ui.html", null).status()).isIn(200, 302);
    }

    /**
     * Invariant 5: a person's name, address, phone and support needs appear in no log line of any service. One
     * person registers with a marker in each (and a carer, an interpreter, food and free text), gets their email,
     * is listed for the organiser and cancels; then every line the services and the launcher wrote since the stack
     * started, this whole class's journeys included, is searched for those markers and for every address the
     * journeys used.
     */
    @Test
    @Order(9)
    void noServiceLogsAPersonsNameAddressPhoneOrSupportNeeds() throws Exception {
        var marker = "pv" + tag + "q";
        var name = "Quinn " + marker + "name";
        var email = marker + "mail@example.org";
        var phone = "07700" + (100_000 + Math.floorMod(tag.hashCode(), 900_000));
        var supportWords = List.of(marker + "diet", marker + "other");
        var privacyTitle = "Privacy check " + tag;
        var start = LocalDateTime.now()
                .plusDays(30)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var created = post(
                convene.gateway() + "/api/events", """
                {"title":"%s","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s","endsAt":"%s",
                 "timeZone":"Europe/London","capacity":10,"maxCompanions":2,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT"},
                 "support":{"interpreterLanguages":["BSL"]}}""".formatted(privacyTitle, start, start.plusHours(2)), organiser);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var privacyEvent = created.json().path("id").asString();
        assertThat(post(convene.gateway() + "/api/events/" + privacyEvent + "/publish", null, organiser)
                        .status())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(convene.gateway() + "/api/events/" + privacyEvent + "/availability", null)
                                .status()
                        == 200);

        var registered = Http.postFrom(
                "198.51.100.251", convene.gateway() + "/api/events/" + privacyEvent + "/registrations", """
                {"attendee":{"name":"%s","email":"%s","phone":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},
                 "companions":["CARER"],
                 "supportNeeds":{"interpreter":"BSL","access":["QUIET_SPACE"],"dietary":["%s"],"other":"%s"}}""".formatted(
                                name, email, phone, supportWords.get(0), "Needs breaks, " + supportWords.get(1)));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, email).contains("You're booked: " + privacyTitle));
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, CONTACT).contains("Support requested for " + privacyTitle));
        var listed = get(convene.gateway() + "/api/events/" + privacyEvent + "/registrations", organiser);
        assertThat(listed.status()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains(marker + "name", supportWords.get(1));
        var manage = registered.json().path("manageLink").asString().replace("/manage/", "/api/registrations/manage/");
        var cancelled = post(manage + "/cancel", null, null);
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, email).contains("Your place is cancelled: " + privacyTitle));
        var erased = post(manage + "/erase", null, null);
        assertThat(erased.status()).as(erased.body()).isBetween(200, 299);

        var secrets = new ArrayList<String>();
        secrets.addAll(List.of(marker, phone, email));
        // The code that checks them in at the door, carried to their email, is as private as their address.
        secrets.add(registered.json().path("checkInCode").asString());
        secrets.addAll(List.of(youngPerson, late, stillWaiting));
        secrets.addAll(others);
        // Loggers write as they go, but a line may still be on its way to the file.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(linesNaming(secrets, true))
                        .as("log lines naming a person, their contact or their support needs")
                        .isEmpty());
        // The launcher prints the demo organiser's address for signing in; no service logs it.
        assertThat(linesNaming(List.of("organiser@demo.convene.test"), false))
                .as("log lines naming the demo organiser's address")
                .isEmpty();
    }

    private static List<String> linesNaming(List<String> secrets, boolean console) throws java.io.IOException {
        return ServiceLogs.linesNaming(convene, secrets, console);
    }

    private static long cancellations(String person) {
        return subjectsTo(convene, person).stream()
                .filter(subject ->
                        subject.equals("Cancelled: " + title) || subject.equals("Your place is cancelled: " + title))
                .count();
    }

    private static Http.Answer register(String email, String name, String companions, String supportNeeds) {
        return Http.postFrom(
                "198.51.100." + (1 + Math.floorMod(email.hashCode(), 250)),
                convene.gateway() + "/api/events/" + eventId + "/registrations",
                """
                {"attendee":{"name":"%s","email":"%s","role":"YOUNG_PERSON","ageBand":"AGE_18_TO_25"},
                 "companions":%s,"supportNeeds":%s}""".formatted(name, email, companions, supportNeeds));
    }

    private static void assertExactly(String address, String subject, int count) {
        assertThat(subjectsTo(convene, address).stream().filter(subject::equals))
                .as("emails \"%s\" to %s", subject, address)
                .hasSize(count);
    }

    /** The assertions hold throughout the period, checked again and again, not just once at its end. */
    private static void holdsFor(Duration period, org.awaitility.core.ThrowingRunnable assertions) {
        await().during(period)
                .atMost(period.plusSeconds(20))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(assertions);
    }
}
