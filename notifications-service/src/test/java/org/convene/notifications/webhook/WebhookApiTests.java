package org.convene.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The endpoints API: what it refuses (as problem details, with nothing stored), the secret shown once, the limit. */
@IntegrationTest
class WebhookApiTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    WebTestClient client;

    private final String organisation =
            "org-api-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void hostileOrMistakenEndpointsAreRefusedFieldByFieldAndNothingIsStored() {
        var refused = List.<Map<String, Object>>of(
                endpoint("ftp://127.0.0.1/hook", List.of("event.published")),
                endpoint("http://hooks.example.org/hook", List.of("event.published")),
                endpoint("https://user:secret@hooks.example.org/hook", List.of("event.published")),
                endpoint("/relative", List.of("event.published")),
                endpoint("https://hooks.example.org/" + "x".repeat(2001), List.of("event.published")),
                endpoint("https://hooks.invalid/hook", List.of("event.published")),
                endpoint("http://127.0.0.1/hook", List.of("event.unknown")),
                endpoint("http://127.0.0.1/hook", List.of()),
                endpoint("http://127.0.0.1/hook\nX: y", List.of("event.published")),
                with(endpoint("http://127.0.0.1/hook", List.of("event.published")), "secret", "whsec_mine"),
                with(endpoint("http://127.0.0.1/hook", List.of("event.published")), "description", "d".repeat(201)));
        for (var body : refused) {
            var problem = organiser()
                    .post()
                    .uri(base())
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(JSON.readTree(problem).path("type").asString()).startsWith("https://convene.dev/problems/");
        }
        var urlProblem = JSON.readTree(organiser()
                .post()
                .uri(base())
                .bodyValue(endpoint("http://hooks.example.org/hook", List.of("event.published")))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(urlProblem.path("errors").get(0).path("field").asString()).isEqualTo("url");
        assertThat(urlProblem.path("errors").get(0).path("message").asString()).isEqualTo("must be an https URL");
        assertThat(list()).isEmpty();
    }

    @Test
    void theSecretIsShownWhenTheEndpointIsMadeAndWhenRotatedAndNeverInTheListOrTheEndpoint() {
        var created = JSON.readTree(organiser()
                .post()
                .uri(base())
                .bodyValue(endpoint("http://127.0.0.1:9/hook", List.of("event.published", "newsletter.sent")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("Cache-Control", "no-store")
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        var secret = created.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
        var id = created.path("endpoint").path("id").asString();
        var listed = organiser()
                .get()
                .uri(base())
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var one = organiser()
                .get()
                .uri(base() + "/" + id)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(listed).contains(id).doesNotContain(secret).doesNotContain("whsec_");
        assertThat(one).doesNotContain("whsec_");

        var rotated = JSON.readTree(organiser()
                .post()
                .uri(base() + "/" + id + "/secret")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(rotated.path("secret").asString()).startsWith("whsec_").isNotEqualTo(secret);
        assertThat(rotated.path("endpoint").path("previousSecretUntil").isNull())
                .isFalse();
    }

    @Test
    void anEndpointCanBeChangedDisabledAndRemoved() {
        var id = JSON.readTree(organiser()
                        .post()
                        .uri(base())
                        .bodyValue(endpoint("http://127.0.0.1:9/hook", List.of("event.published")))
                        .exchange()
                        .expectStatus()
                        .isCreated()
                        .expectBody(String.class)
                        .returnResult()
                        .getResponseBody())
                .path("endpoint")
                .path("id")
                .asString();
        var changed = JSON.readTree(organiser()
                .put()
                .uri(base() + "/" + id)
                .bodyValue(Map.of(
                        "url",
                        "http://localhost:9/other",
                        "eventTypes",
                        List.of("attendee.checked_in"),
                        "personalDetails",
                        true,
                        "enabled",
                        false))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
        assertThat(changed.path("url").asString()).isEqualTo("http://localhost:9/other");
        assertThat(changed.path("enabled").asBoolean()).isFalse();
        assertThat(changed.path("disabledReason").asString()).isEqualTo("organiser");
        assertThat(changed.path("personalDetails").asBoolean()).isTrue();

        organiser()
                .put()
                .uri(base() + "/" + id)
                .bodyValue(Map.of(
                        "url",
                        "http://hooks.example.org/x",
                        "eventTypes",
                        List.of("attendee.checked_in"),
                        "personalDetails",
                        true,
                        "enabled",
                        true))
                .exchange()
                .expectStatus()
                .isBadRequest();
        assertThat(get(id).path("url").asString()).isEqualTo("http://localhost:9/other");

        organiser().delete().uri(base() + "/" + id).exchange().expectStatus().isNoContent();
        organiser().get().uri(base() + "/" + id).exchange().expectStatus().isNotFound();
    }

    @Test
    void anOrganisationHasAtMostTheConfiguredNumberOfEndpoints() {
        for (int i = 0; i < 10; i++) {
            organiser()
                    .post()
                    .uri(base())
                    .bodyValue(endpoint("http://127.0.0.1:9/hook-" + i, List.of("event.published")))
                    .exchange()
                    .expectStatus()
                    .isCreated();
        }
        var problem = organiser()
                .post()
                .uri(base())
                .bodyValue(endpoint("http://127.0.0.1:9/one-too-many", List.of("event.published")))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(JSON.readTree(problem).path("type").asString()).endsWith("/too-many-webhook-endpoints");
        assertThat(list()).hasSize(10);

        var first = list().get(0).path("id").asString();
        organiser().delete().uri(base() + "/" + first).exchange().expectStatus().isNoContent();
        organiser()
                .post()
                .uri(base())
                .bodyValue(endpoint("http://127.0.0.1:9/in-its-place", List.of("event.published")))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    private static Map<String, Object> endpoint(String url, List<String> types) {
        return Map.of("url", url, "eventTypes", types);
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    private List<JsonNode> list() {
        var body = organiser()
                .get()
                .uri(base())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var all = new java.util.ArrayList<JsonNode>();
        JSON.readTree(body).forEach(all::add);
        return all;
    }

    private JsonNode get(String id) {
        return JSON.readTree(organiser()
                .get()
                .uri(base() + "/" + id)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    private String base() {
        return "/api/organisations/" + organisation + "/webhooks";
    }

    private WebTestClient organiser() {
        return client.mutate()
                .defaultHeaders(
                        headers -> headers.setBearerAuth(TestTokens.shared().organiserOf(organisation)))
                .build();
    }
}
