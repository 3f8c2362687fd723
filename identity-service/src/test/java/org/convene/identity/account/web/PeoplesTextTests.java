package org.convene.identity.account.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.identity.IdentityIntegrationTest;
import org.convene.testing.PeoplesText;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Organisers' and API clients' names follow the one text policy every service applies. */
class PeoplesTextTests extends IdentityIntegrationTest {

    @Autowired
    WebTestClient client;

    @Autowired
    JWKSource<SecurityContext> keys;

    private final String organisation = "text-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void refusesOrganiserAndClientNamesThatAreNotOneLineOfPlainTextAndStoresNothing() {
        for (var hostile : PeoplesText.HOSTILE_SINGLE_LINE) {
            as("admin")
                    .post()
                    .uri("/api/identity/organisers")
                    .bodyValue(organiser(hostile, "hostile-" + UUID.randomUUID() + "@example.org"))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");
            as("organiser")
                    .post()
                    .uri("/api/identity/organisations/" + organisation + "/clients")
                    .bodyValue(Map.of("name", hostile))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("name");
        }
        for (var list : List.of("organisers", "clients")) {
            assertThat(as("admin")
                            .get()
                            .uri("/api/identity/organisations/" + organisation + "/" + list)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(List.class)
                            .returnResult()
                            .getResponseBody())
                    .as(list)
                    .isEmpty();
        }
    }

    @Test
    void acceptsOrganisersWithNamesInAnyScriptAndEmoji() {
        int i = 0;
        for (var name : PeoplesText.REAL_NAMES) {
            as("admin")
                    .post()
                    .uri("/api/identity/organisers")
                    .bodyValue(organiser(name, "real-" + i++ + "-" + organisation + "@example.org"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo(name);
        }
    }

    private Map<String, Object> organiser(String name, String email) {
        return Map.of(
                "email",
                email,
                "name",
                name,
                "organisationId",
                organisation,
                "roles",
                List.of("ORGANISER"),
                "password",
                "amber-kettle-window-97");
    }

    private WebTestClient as(String role) {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer("http://localhost:9000")
                .subject(role + "@" + organisation)
                .audience(List.of("convene"))
                .issuedAt(now.minusSeconds(60))
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("org_id", role.equals("admin") ? "convene" : organisation)
                .claim("roles", List.of(role))
                .build();
        var token = new NimbusJwtEncoder(keys)
                .encode(JwtEncoderParameters.from(claims))
                .getTokenValue();
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }
}
