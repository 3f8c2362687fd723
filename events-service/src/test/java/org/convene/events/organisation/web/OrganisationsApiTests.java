package org.convene.events.organisation.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.testing.IntegrationTest;
import org.convene.testing.PeoplesText;
import org.convene.testing.TestTokens;
import org.convene.testing.TopicRecorder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

@IntegrationTest
class OrganisationsApiTests {

    @Autowired
    WebTestClient client;

    private final String slug = "voices-" + UUID.randomUUID().toString().substring(0, 8);

    WebTestClient bearing(String token) {
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    void register() {
        bearing(TestTokens.shared().adminOf("convene"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", slug, "name", "Voices of Care", "contactEmail", "team@voices.example"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void anAdminRegistersAnOrganisationItsOrganisersCanRead() {
        register();
        bearing(TestTokens.shared().organiserOf(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.contactEmail")
                .isEqualTo("team@voices.example");
    }

    @Test
    void organisersCannotRegisterOrganisationsNorReadOthers() {
        bearing(TestTokens.shared().organiserOf("somewhere"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", slug, "name", "Sneaky", "contactEmail", "x@example.org"))
                .exchange()
                .expectStatus()
                .isForbidden();
        register();
        bearing(TestTokens.shared().organiserOf("somewhere"))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theSameIdTwiceIsAConflict() {
        register();
        bearing(TestTokens.shared().adminOf("convene"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", slug, "name", "Again", "contactEmail", "again@example.org"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void refusesAnOrganisationNameThatIsNotOneLineOfPlainTextAndRegistersNothing() {
        for (var hostile : PeoplesText.HOSTILE_SINGLE_LINE) {
            bearing(TestTokens.shared().adminOf("convene"))
                    .post()
                    .uri("/api/organisations")
                    .bodyValue(Map.of("id", slug, "name", hostile, "contactEmail", "team@voices.example"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");
        }
        bearing(TestTokens.shared().organiserOf(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isNotFound();
        register();
    }

    @Test
    void rejectsABadSlugAndEmailByField() {
        bearing(TestTokens.shared().adminOf("convene"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", "Not A Slug!", "name", "X", "contactEmail", "not-an-email"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> org.assertj.core.api.Assertions.assertThat(fields.toString())
                        .contains("id", "contactEmail"));
    }

    @Test
    void organisersKeepTheirContactAddressCurrentWithOptimisticConcurrency() {
        register();
        var organiser = bearing(TestTokens.shared().organiserOf(slug));
        organiser
                .put()
                .uri("/api/organisations/" + slug)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Voices of Care", "contactEmail", "alerts@voices.example"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\"");
        organiser
                .put()
                .uri("/api/organisations/" + slug)
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("name", "Stale", "contactEmail", "stale@voices.example"))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
    }

    @Test
    void everyChangeIsAnnouncedWithTheWholeOrganisationAndTheSamplesFields() throws Exception {
        try (var announcements = TopicRecorder.record(Topics.ORGANISATIONS)) {
            register();
            bearing(TestTokens.shared().organiserOf(slug))
                    .put()
                    .uri("/api/organisations/" + slug)
                    .header(HttpHeaders.IF_MATCH, "\"1\"")
                    .bodyValue(Map.of(
                            "name", "Voices of Care",
                            "contactEmail", "alerts@voices.example",
                            "replyTo", "hello@voices.example",
                            "brandColour", "#5B2A86",
                            "announceNewEvents", true))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.brandColour")
                    .isEqualTo("#5b2a86");

            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(announcements.withKey(slug)).hasSize(2));
            var json = JsonMapper.builder().build();
            var updated = json.readTree(announcements.withKey(slug).get(1).value());
            var sample = json.readTree(Files.readString(Path.of("")
                    .toAbsolutePath()
                    .getParent()
                    .resolve("docs/messages/convene.organisations.v1/OrganisationUpdated.json")));
            assertThat(iterable(updated.propertyNames())).isEqualTo(iterable(sample.propertyNames()));
            assertThat(updated.get("type").asString()).isEqualTo("OrganisationUpdated");
            assertThat(updated.get("aggregateVersion").asLong()).isEqualTo(2);
            assertThat(updated.get("replyTo").asString()).isEqualTo("hello@voices.example");
            assertThat(updated.get("announceNewEvents").asBoolean()).isTrue();
            assertThat(json.readTree(announcements.withKey(slug).get(0).value())
                            .get("type")
                            .asString())
                    .isEqualTo("OrganisationRegistered");
        }
    }

    @Test
    void rejectsABrandColourThatIsNotAColourAndChangesNothing() {
        register();
        bearing(TestTokens.shared().organiserOf(slug))
                .put()
                .uri("/api/organisations/" + slug)
                .bodyValue(
                        Map.of("name", "Voices of Care", "contactEmail", "team@voices.example", "brandColour", "red;}"))
                .exchange()
                .expectStatus()
                .isBadRequest();
        bearing(TestTokens.shared().organiserOf(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(1);
    }

    private static java.util.List<String> iterable(java.util.Collection<String> names) {
        return names.stream().sorted().toList();
    }

    @Test
    void rejectsExpiredTamperedAndOtherApplicationsTokens() {
        bearing(TestTokens.shared().expiredOrganiserOf(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        bearing(TestTokens.shared().organiserTokenForAnotherAudience(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        var tampered = TestTokens.shared().organiserOf(slug);
        tampered = tampered.substring(0, tampered.length() - 4) + "AAAA";
        bearing(tampered)
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
