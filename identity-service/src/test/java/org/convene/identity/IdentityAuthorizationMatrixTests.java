package org.convene.identity;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.client.domain.ApiClientService;
import org.convene.testing.authorization.AuthorizationMatrix;
import org.convene.testing.authorization.Caller;
import org.convene.testing.authorization.CallerTokens;
import org.convene.testing.authorization.MatrixRequest;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may use identity-service's own API, with tokens signed by its own key (as the gateway and API
 * clients get them), and the sign-in page open to all.
 */
class IdentityAuthorizationMatrixTests extends IdentityIntegrationTest {

    private static final String A = "matrix-a";
    private static final String B = "matrix-b";

    @Autowired
    ApplicationContext context;

    @Autowired
    WebTestClient client;

    @Autowired
    JWKSource<SecurityContext> keys;

    @Autowired
    ApiClientService clients;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersEachCallerAsItShould() {
        var matrix = AuthorizationMatrix.of(context, client, tokens());
        matrix.endpoint(GET, "/login")
                .request(() -> MatrixRequest.get("/login"))
                .publicWith(200)
                // The sign-in page reads no bearer token at all, so a bad one changes nothing.
                .expect(Caller.EXPIRED_TOKEN, 200)
                .expect(Caller.FOREIGN_ISSUER, 200)
                .expect(Caller.TAMPERED_SIGNATURE, 200)
                .expect(Caller.OTHER_AUDIENCE, 200);
        matrix.endpoint(POST, "/api/identity/organisers")
                .request(() -> MatrixRequest.post(
                        "/api/identity/organisers",
                        Map.of(
                                "email",
                                "new-" + UUID.randomUUID() + "@example.org",
                                "name",
                                "New Organiser",
                                "organisationId",
                                A,
                                "roles",
                                List.of("ORGANISER"),
                                "password",
                                "amber-kettle-window-97")))
                .organisers(403, 403, 201);
        matrix.endpoint(GET, "/api/identity/organisations/{organisationId}/organisers")
                .request(() -> MatrixRequest.get("/api/identity/organisations/" + A + "/organisers"))
                .organisers(200, 403, 200);
        matrix.endpoint(POST, "/api/identity/organisations/{organisationId}/clients")
                .request(() -> MatrixRequest.post(
                        "/api/identity/organisations/" + A + "/clients", Map.of("name", "Nightly export")))
                .organisers(201, 403, 201);
        matrix.endpoint(GET, "/api/identity/organisations/{organisationId}/clients")
                .request(() -> MatrixRequest.get("/api/identity/organisations/" + A + "/clients"))
                .organisers(200, 403, 200);
        matrix.endpoint(DELETE, "/api/identity/organisations/{organisationId}/clients/{clientId}")
                .request(() -> MatrixRequest.delete("/api/identity/organisations/" + A + "/clients/"
                        + clients.create(new OrganisationId(A), "To revoke", "test")
                                .client()
                                .clientId()
                                .value()))
                .organisers(204, 403, 204);
        return matrix.tests();
    }

    private CallerTokens tokens() {
        return caller -> Optional.ofNullable(
                switch (caller) {
                    case ANONYMOUS -> null;
                    case ORGANISER_OF_A -> token(ISSUER, A, "organiser", "convene", Duration.ofMinutes(5));
                    case ORGANISER_OF_B -> token(ISSUER, B, "organiser", "convene", Duration.ofMinutes(5));
                    case ADMIN -> token(ISSUER, "convene", "admin", "convene", Duration.ofMinutes(5));
                    case EXPIRED_TOKEN -> token(ISSUER, A, "organiser", "convene", Duration.ofMinutes(-5));
                    case FOREIGN_ISSUER ->
                        token("https://identity.elsewhere.test", A, "organiser", "convene", Duration.ofMinutes(5));
                    case TAMPERED_SIGNATURE ->
                        tampered(token(ISSUER, B, "organiser", "convene", Duration.ofMinutes(5)));
                    case OTHER_AUDIENCE -> token(ISSUER, A, "organiser", "other-app", Duration.ofMinutes(5));
                });
    }

    private static final String ISSUER = "http://localhost:9000";

    private String token(String issuer, String organisation, String role, String audience, Duration validFor) {
        var now = Instant.now();
        var claims = JwtClaimsSet.builder()
                .issuer(issuer)
                .subject(role + "@" + organisation)
                .audience(List.of(audience))
                .issuedAt(now.minusSeconds(600))
                .expiresAt(now.plus(validFor))
                .claim("org_id", organisation)
                .claim("roles", List.of(role))
                .build();
        return new NimbusJwtEncoder(keys)
                .encode(JwtEncoderParameters.from(claims))
                .getTokenValue();
    }

    /** Organisation B's token with its payload rewritten to claim A and admin, signature kept. */
    private static String tampered(String token) {
        var parts = token.split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"" + B + "\"", "\"" + A + "\"")
                .replace("[\"organiser\"]", "[\"admin\"]");
        return parts[0] + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "."
                + parts[2];
    }
}
