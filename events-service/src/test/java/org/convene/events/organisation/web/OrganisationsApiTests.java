package org.convene.events.organisation.web;

import java.util.Map;
import java.util.UUID;
import org.convene.testing.IntegrationTest;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

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
