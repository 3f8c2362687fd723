package org.convene.notifications.newsletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** Subscribing, confirming, receiving, changing and leaving, through the API and a real SMTP server. */
@IntegrationTest
class NewsletterTests {

    private static final Pattern CONFIRM_LINK = Pattern.compile("/newsletter/confirm/([A-Za-z0-9_-]+)");

    @Autowired
    WebTestClient client;

    @Autowired
    Organisations organisations;

    @Autowired
    ReactiveMongoTemplate mongo;

    private final Inbox inbox = Inbox.shared();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String organisation = "news-" + tag;

    @BeforeEach
    void organisationIsKnown() throws Exception {
        try (var messages = new Messages()) {
            messages.organisation(organisation, "Voices of Care", "team-" + tag + "@voices.example", null, false);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        organisations.find(new OrganisationId(organisation)).block() != null);
    }

    WebTestClient.ResponseSpec subscribe(String email, List<String> topics) {
        return client.post()
                .uri("/api/newsletter/subscriptions")
                .bodyValue(Map.of("organisationId", organisation, "email", email, "name", "Ash", "topics", topics))
                .exchange();
    }

    /** Subscribes and confirms; the private token from the confirmation email. */
    String subscribed(String email, List<String> topics) {
        subscribe(email, topics).expectStatus().isAccepted();
        var token = tokenFromConfirmation(email);
        client.post()
                .uri("/api/newsletter/subscriptions/" + token + "/confirmation")
                .exchange()
                .expectStatus()
                .isOk();
        return token;
    }

    String tokenFromConfirmation(String email) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.to(email, "Please confirm").size() == 1);
        var matcher = CONFIRM_LINK.matcher(
                Inbox.parts(inbox.to(email, "Please confirm").getFirst()).text());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }

    WebTestClient organiser() {
        return client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(organisation)))
                .build();
    }

    int newsletterCount() {
        return organiser()
                .get()
                .uri("/api/newsletters")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody()
                .size();
    }

    void refused(String markdown) {
        organiser()
                .post()
                .uri("/api/newsletters")
                .bodyValue(Map.of("subject", "Refused", "markdown", markdown, "topics", List.of("workshops")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("markdown");
    }

    String newsletter(String subject, String markdown, List<String> topics) {
        return organiser()
                .post()
                .uri("/api/newsletters")
                .bodyValue(Map.of("subject", subject, "markdown", markdown, "topics", topics))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .toString();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> progressOf(String id) {
        var body = organiser()
                .get()
                .uri("/api/newsletters/" + id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        var progress = (Map<String, Object>) body.get("progress");
        progress.put("status", body.get("status"));
        return progress;
    }

    void sendNow(String id) {
        organiser()
                .post()
                .uri("/api/newsletters/" + id + "/schedule")
                .exchange()
                .expectStatus()
                .isAccepted();
    }

    @Nested
    class InTheirLanguage {

        @Test
        void aWelshSubscriberIsWrittenToAndShownPagesInWelshAndCanChangeTheirLanguage() {
            var email = "cy-" + tag + "@example.org";
            client.post()
                    .uri("/api/newsletter/subscriptions")
                    .bodyValue(Map.of(
                            "organisationId",
                            organisation,
                            "email",
                            email,
                            "name",
                            "Ash",
                            "topics",
                            List.of("workshops"),
                            "language",
                            "cy",
                            "easyRead",
                            true))
                    .exchange()
                    .expectStatus()
                    .isAccepted();

            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            inbox.to(email, "Cadarnhewch eich tanysgrifiad").size() == 1);
            var mail = inbox.to(email).getFirst();
            assertThat(Inbox.subject(mail)).isEqualTo("Cadarnhewch eich tanysgrifiad i Voices of Care");
            var parts = Inbox.parts(mail);
            assertThat(parts.text()).contains("Helo Ash,", "cadarnhewch yma:").doesNotContain("Hello");
            assertThat(parts.html()).contains("<html lang=\"cy\" dir=\"ltr\"");
            var matcher = CONFIRM_LINK.matcher(parts.text());
            assertThat(matcher.find()).isTrue();
            var token = matcher.group(1);
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.language")
                    .isEqualTo("cy")
                    .jsonPath("$.easyRead")
                    .isEqualTo(true);

            client.get()
                    .uri("/newsletter/confirm/" + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page)
                            .contains("<html lang=\"cy\" dir=\"ltr\"", "Ydw, anfonwch y cylchlythyr ataf i"));

            client.post()
                    .uri("/newsletter/preferences/" + token)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("topics", "workshops").with("language", "ar"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("<html lang=\"ar\" dir=\"rtl\"", "تم الحفظ"));
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.language")
                    .isEqualTo("ar")
                    .jsonPath("$.easyRead")
                    .isEqualTo(false);
        }

        @Test
        void aLanguageWeDoNotWriteInIsRefusedWithItsFieldAndNothingIsStored() {
            var email = "fr-" + tag + "@example.org";
            client.post()
                    .uri("/api/newsletter/subscriptions")
                    .bodyValue(Map.of(
                            "organisationId",
                            organisation,
                            "email",
                            email,
                            "topics",
                            List.of("workshops"),
                            "language",
                            "fr"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("language");
            assertThat(mongo.count(
                                    org.springframework.data.mongodb.core.query.Query.query(
                                            org.springframework.data.mongodb.core.query.Criteria.where("email")
                                                    .is(email)),
                                    "subscribers")
                            .block())
                    .isZero();

            var token = subscribed("de-" + tag + "@example.org", List.of("workshops"));
            client.put()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .bodyValue(Map.of("topics", List.of("training"), "language", "de"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest();
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.language")
                    .isEqualTo("en-GB")
                    .jsonPath("$.topics[0]")
                    .isEqualTo("workshops");
        }
    }

    @Nested
    class Subscribing {

        @Test
        void answersTheSameWhetherOrNotTheAddressIsKnownAndAsksToConfirmAtMostOncePerHour() {
            var email = "ash-" + tag + "@example.org";
            var first = subscribe(email, List.of("workshops"))
                    .expectStatus()
                    .isAccepted()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            var again = subscribe(email, List.of("workshops", "podcasts"))
                    .expectStatus()
                    .isAccepted()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            var stranger = subscribe("someone-else-" + tag + "@example.org", List.of("workshops"))
                    .expectStatus()
                    .isAccepted()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(again).isEqualTo(first).isEqualTo(stranger);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> inbox.to(email, "Please confirm").size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> inbox.to(email, "Please confirm").size() == 1);
            var confirmation = inbox.to(email, "Please confirm").getFirst();
            assertThat(Inbox.subject(confirmation)).isEqualTo("Please confirm your subscription to Voices of Care");
        }

        @Test
        void openingTheConfirmationLinkChangesNothingItsButtonConfirms() {
            var email = "bo-" + tag + "@example.org";
            subscribe(email, List.of("workshops")).expectStatus().isAccepted();
            var token = tokenFromConfirmation(email);

            client.get()
                    .uri("/newsletter/confirm/" + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("<form method=\"post\"", "Yes, send me the newsletter"));
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("PENDING");

            client.post()
                    .uri("/newsletter/confirm/" + token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("subscribed", "about: workshops"));
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CONFIRMED");
        }

        @Test
        void rejectsBadInputFieldByFieldAndStoresNothing() {
            client.post()
                    .uri("/api/newsletter/subscriptions")
                    .bodyValue(Map.of(
                            "organisationId",
                            organisation,
                            "email",
                            "not-an-address",
                            "name",
                            "Line\nbreak",
                            "topics",
                            List.of("gossip")))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("\"email\"", "\"name\"", "topics", "invalid-request"));
            client.post()
                    .uri("/api/newsletter/subscriptions")
                    .bodyValue(Map.of(
                            "organisationId", "no-such-organisation-" + tag,
                            "email", "x-" + tag + "@example.org",
                            "topics", List.of("workshops")))
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(mongo.count(
                                    org.springframework.data.mongodb.core.query.Query.query(
                                            org.springframework.data.mongodb.core.query.Criteria.where("organisationId")
                                                    .is("no-such-organisation-" + tag)),
                                    "subscribers")
                            .block())
                    .isZero();
        }
    }

    @Nested
    class PeoplesText {

        @Test
        void refusesSubscriberNamesAndSubjectsThatAreNotOneLineOfPlainTextAndStoresNothing() {
            for (var hostile : org.convene.testing.PeoplesText.HOSTILE_SINGLE_LINE) {
                client.post()
                        .uri("/api/newsletter/subscriptions")
                        .bodyValue(Map.of(
                                "organisationId",
                                organisation,
                                "email",
                                "hostile-" + tag + "@example.org",
                                "name",
                                hostile,
                                "topics",
                                List.of("workshops")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("name");
                organiser()
                        .post()
                        .uri("/api/newsletters")
                        .bodyValue(Map.of("subject", hostile, "markdown", "Hello", "topics", List.of("workshops")))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("subject");
            }
            for (var collection : List.of("subscribers", "newsletters")) {
                assertThat(mongo.count(
                                        org.springframework.data.mongodb.core.query.Query.query(
                                                org.springframework.data.mongodb.core.query.Criteria.where(
                                                                "organisationId")
                                                        .is(organisation)),
                                        collection)
                                .block())
                        .as(collection)
                        .isZero();
            }
        }

        @Test
        void acceptsSubscribersWithNamesInAnyScriptAndEmoji() {
            int i = 0;
            for (var name : org.convene.testing.PeoplesText.REAL_NAMES) {
                client.post()
                        .uri("/api/newsletter/subscriptions")
                        .bodyValue(Map.of(
                                "organisationId",
                                organisation,
                                "email",
                                "real-" + i++ + "-" + tag + "@example.org",
                                "name",
                                name,
                                "topics",
                                List.of("workshops")))
                        .exchange()
                        .expectStatus()
                        .isAccepted();
            }
        }
    }

    @Nested
    class ASubscriberWithTheirPrivateLink {

        @Test
        void changesTopicsExportsTheirDataAndErasesIt() {
            var email = "cy-" + tag + "@example.org";
            var token = subscribed(email, List.of("workshops"));

            client.put()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .bodyValue(Map.of("name", "Cy", "topics", List.of("podcasts", "training")))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.topics.length()")
                    .isEqualTo(2);
            client.post()
                    .uri("/newsletter/preferences/" + token)
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(BodyInserters.fromFormData("topics", "workshops").with("name", "Cy"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(page -> assertThat(page).contains("Saved"));

            client.get()
                    .uri("/api/newsletter/subscriptions/" + token + "/export")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.email")
                    .isEqualTo(email)
                    .jsonPath("$.topics[0]")
                    .isEqualTo("workshops")
                    .jsonPath("$.confirmedAt")
                    .exists();

            client.delete()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            client.get()
                    .uri("/api/newsletter/subscriptions/" + token)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            assertThat(mongo.count(
                                    org.springframework.data.mongodb.core.query.Query.query(
                                            org.springframework.data.mongodb.core.query.Criteria.where("email")
                                                    .is(email)),
                                    "subscribers")
                            .block())
                    .isZero();
            assertThat(mongo.count(
                                    org.springframework.data.mongodb.core.query.Query.query(
                                            org.springframework.data.mongodb.core.query.Criteria.where("recipient")
                                                    .is(email)),
                                    "deliveries")
                            .block())
                    .isZero();
        }
    }

    @Nested
    class Sending {

        @Test
        void reachesConfirmedSubscribersOfItsTopicsOnlyAndItsUnsubscribeLinkWorksInOnePost() {
            var confirmed = "dee-" + tag + "@example.org";
            var otherTopic = "eli-" + tag + "@example.org";
            var unconfirmed = "fay-" + tag + "@example.org";
            var token = subscribed(confirmed, List.of("workshops"));
            subscribed(otherTopic, List.of("podcasts"));
            subscribe(unconfirmed, List.of("workshops")).expectStatus().isAccepted();

            // Scripts are refused when written (the shared text policy); other raw HTML is sanitised on the way out.
            refused("Hello **friends**\n\n<script>alert(1)</script>");
            var first =
                    newsletter("Spring workshops", "Hello **friends**\n\n<marquee>hi</marquee>", List.of("workshops"));
            sendNow(first);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(progressOf(first))
                            .containsEntry("status", "SENT")
                            .containsEntry("sent", 1)
                            .containsEntry("remaining", 0)
                            .containsEntry("recipients", 1));
            assertThat(inbox.to(confirmed, "Spring workshops")).hasSize(1);
            assertThat(inbox.to(otherTopic, "Spring workshops")).isEmpty();
            assertThat(inbox.to(unconfirmed, "Spring workshops")).isEmpty();

            var received = inbox.to(confirmed, "Spring workshops").getFirst();
            var unsubscribe = Inbox.header(received, "List-Unsubscribe");
            assertThat(unsubscribe).isEqualTo("<http://localhost:8080/newsletter/unsubscribe/" + token + ">");
            assertThat(Inbox.header(received, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
            var html = Inbox.parts(received).html();
            assertThat(html)
                    .contains("<strong>friends</strong>", "Voices of Care")
                    .doesNotContain("<script", "<marquee");

            // What a mail app does for one-click unsubscribe (RFC 8058): one POST, no confirmation.
            client.post()
                    .uri(unsubscribe.substring("<http://localhost:8080".length(), unsubscribe.length() - 1))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .bodyValue("List-Unsubscribe=One-Click")
                    .exchange()
                    .expectStatus()
                    .isOk();

            var second = newsletter("Summer workshops", "More news", List.of("workshops"));
            sendNow(second);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(progressOf(second)).containsEntry("status", "SENT"));
            assertThat(inbox.to(confirmed, "Summer workshops")).isEmpty();
            assertThat(inbox.to(confirmed, "Please confirm")).hasSize(1);
        }

        @Test
        void aFieldNoNewsletterHasAndAPreviewAskedForInAnotherTypeAreRefusedWithProblemDetails() {
            var before = newsletterCount();
            for (var extra :
                    List.of("\"$where\":\"sleep(5000)\"", "\"status\":\"SENT\"", "\"subject\":\"x\",\"_id\":1")) {
                organiser()
                        .post()
                        .uri("/api/newsletters")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(
                                "{\"subject\":\"Hello\",\"markdown\":\"Hi\",\"topics\":[\"training\"]," + extra + "}")
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectHeader()
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
            }
            assertThat(newsletterCount()).isEqualTo(before);
            var id = newsletter("Winter news", "Hello", List.of("training"));
            // A number is not a time: read as seconds since 1970, it would send the newsletter at once.
            organiser()
                    .post()
                    .uri("/api/newsletters/" + id + "/schedule")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue("{\"sendAt\":12345}")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("sendAt");
            organiser()
                    .get()
                    .uri("/api/newsletters/" + id + "/preview")
                    .accept(MediaType.APPLICATION_JSON)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(406)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/not-acceptable");
        }

        @Test
        void organisersPreviewTestAndCancelTheirOwnNewslettersAndNobodyElseSeesThem() {
            refused("[a link](javascript:alert(1)) and _more_");
            var id = newsletter("Autumn news", "[a link](https://example.org) and _more_", List.of("training"));

            organiser()
                    .get()
                    .uri("/api/newsletters/" + id + "/preview")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .value(html -> assertThat(html).contains("<em>more</em>").doesNotContain("javascript:"));
            organiser()
                    .post()
                    .uri("/api/newsletters/" + id + "/test")
                    .exchange()
                    .expectStatus()
                    .isAccepted();
            var organiserAddress = "organiser@" + organisation + ".example";
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            inbox.to(organiserAddress, "[Test] Autumn news").size() == 1);

            client.mutate()
                    .defaultHeaders(
                            headers -> headers.setBearerAuth(TestTokens.shared().organiserOf("another-" + tag)))
                    .build()
                    .get()
                    .uri("/api/newsletters/" + id)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            client.get().uri("/api/newsletters/" + id).exchange().expectStatus().isUnauthorized();

            organiser()
                    .post()
                    .uri("/api/newsletters/" + id + "/schedule")
                    .bodyValue(Map.of("sendAt", "2030-01-01T09:00:00Z"))
                    .exchange()
                    .expectStatus()
                    .isAccepted()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("SCHEDULED");
            organiser()
                    .post()
                    .uri("/api/newsletters/" + id + "/cancel")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("CANCELLED");
            organiser()
                    .post()
                    .uri("/api/newsletters/" + id + "/schedule")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);
        }

        @Test
        void aNewlyPublishedWorkshopIsAnnouncedOnceWhenTheOrganisationAsksForItAndAnUnlistedOneNever()
                throws Exception {
            var announcing = "announce-" + tag;
            var reader = "gus-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.organisation(announcing, "Announcing Trust", "team@announce.example", null, true);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> organisations
                                        .find(new OrganisationId(announcing))
                                        .block()
                                != null);
                client.post()
                        .uri("/api/newsletter/subscriptions")
                        .bodyValue(
                                Map.of("organisationId", announcing, "email", reader, "topics", List.of("workshops")))
                        .exchange()
                        .expectStatus()
                        .isAccepted();
                client.post()
                        .uri("/api/newsletter/subscriptions/" + tokenFromConfirmation(reader) + "/confirmation")
                        .exchange()
                        .expectStatus()
                        .isOk();

                var eventId = UUID.randomUUID().toString();
                var published = messages.event(eventId, announcing, java.time.Instant.parse("2027-05-01T09:00:00Z"));
                var unlistedId = UUID.randomUUID().toString();
                messages.send(
                        org.convene.contracts.Topics.EVENTS,
                        unlistedId,
                        Messages.unlisted(published, unlistedId, "Private partner session"));
                messages.send(org.convene.contracts.Topics.EVENTS, eventId, published);

                await().atMost(Duration.ofSeconds(30))
                        .until(() ->
                                inbox.to(reader, "New: Peer research workshop").size() == 1);
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(4))
                        .until(() ->
                                inbox.to(reader, "New: Peer research workshop").size() == 1);
                var announcement =
                        inbox.to(reader, "New: Peer research workshop").getFirst();
                assertThat(Inbox.parts(announcement).html())
                        .contains("Saturday 1 May 2027, 10:00 am", "/workshops/" + eventId)
                        .doesNotContain("/events/" + eventId);
                assertThat(Inbox.header(announcement, "List-Unsubscribe-Post")).isEqualTo("List-Unsubscribe=One-Click");
                assertThat(inbox.to(reader, "New: Private partner session")).isEmpty();
            }
        }

        @Test
        void rejectsAnEmptyOrOversizedNewsletterWithFieldErrors() {
            organiser()
                    .post()
                    .uri("/api/newsletters")
                    .bodyValue(Map.of("subject", "", "markdown", "x".repeat(50_001), "topics", List.of()))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody(String.class)
                    .value(body -> assertThat(body).contains("subject", "markdown", "topics"));
        }
    }

    @Nested
    class Refusals {

        @Test
        void newsletterAndSubscriptionRefusalsAreProblemDetailsOfTheirOwnKind() {
            organiser()
                    .get()
                    .uri("/api/newsletters/no-such-newsletter-" + tag)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/not-found")
                    .jsonPath("$.title")
                    .isEqualTo("Newsletter not found");
            client.get()
                    .uri("/api/newsletter/subscriptions/no-such-token-" + UUID.randomUUID())
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/not-found")
                    .jsonPath("$.title")
                    .isEqualTo("Link not valid");
        }
    }
}
