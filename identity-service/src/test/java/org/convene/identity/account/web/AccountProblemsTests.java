package org.convene.identity.account.web;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.identity.IdentityIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The account rules' refusals reach the caller as their own problems, not as the shared handler's 500. */
class AccountProblemsTests extends IdentityIntegrationTest {

    @Autowired
    WebTestClient client;

    @Autowired
    JWKSource<SecurityContext> keys;

    private final String organisation =
            "problems-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aWeakPasswordIsAnInvalidRequestNamingThePassword() {
        asAdmin()
                .post()
                .uri("/api/identity/organisers")
                .bodyValue(organiser("weak-" + organisation + "@example.org", "short"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://convene.dev/problems/invalid-request")
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
    }

    @Test
    void anEmailAlreadyRegisteredIsAConflict() {
        var email = "twice-" + organisation + "@example.org";
        asAdmin()
                .post()
                .uri("/api/identity/organisers")
                .bodyValue(organiser(email, "amber-kettle-window-97"))
                .exchange()
                .expectStatus()
                .isCreated();
        asAdmin()
                .post()
                .uri("/api/identity/organisers")
                .bodyValue(organiser(email, "amber-kettle-window-97"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("https://convene.dev/problems/already-exists");
    }

    private Map<String, Object> organiser(String email, String password) {
        return Map.of(
                "email",
                email,
                "name",
                "Sam Patel",
                "organisationId",
                organisation,
                "roles",
                List.of("ORGANISER"),
                "password",
                password);
    }

    private WebTestClient asAdmin() {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer("http://localhost:9000")
                .subject("admin@convene")
                .audience(List.of("convene"))
                .issuedAt(now.minusSeconds(60))
                .expiresAt(now.plus(Duration.ofMinutes(5)))
                .claim("org_id", "convene")
                .claim("roles", List.of("admin"))
                .build();
        var token = new NimbusJwtEncoder(keys)
                .encode(JwtEncoderParameters.from(claims))
                .getTokenValue();
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }
}
