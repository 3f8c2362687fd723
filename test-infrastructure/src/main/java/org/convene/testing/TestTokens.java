package org.convene.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.convene.testing.authorization.CallerTokens;

/**
 * A stand-in identity provider for tests: signs real JWTs with its own RSA key and serves the
 * public key as a JWK set over HTTP, so services validate tokens exactly as they would in
 * production (signature, issuer, expiry). One per test JVM.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.convene.test";
    public static final String AUDIENCE = "convene";
    /** An issuer Convene does not trust, for tokens that must be refused. */
    public static final String FOREIGN_ISSUER = "https://identity.elsewhere.test";

    private static TestTokens instance;

    private final RSAKey key;
    private final HttpServer jwks;

    private TestTokens() {
        try {
            key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
            var publicSet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            jwks.createContext("/jwks", exchange -> {
                try (exchange) {
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, publicSet.length);
                    exchange.getResponseBody().write(publicSet);
                }
            });
            jwks.start();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized TestTokens shared() {
        if (instance == null) {
            instance = new TestTokens();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> instance.jwks.stop(0)));
        }
        return instance;
    }

    public String jwkSetUri() {
        return "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks";
    }

    /** A bearer token for an organiser of the organisation. */
    public String organiserOf(String organisationId) {
        return token("organiser@" + organisationId, organisationId, List.of("organiser"), Duration.ofMinutes(10));
    }

    public String adminOf(String organisationId) {
        return token("admin@" + organisationId, organisationId, List.of("admin"), Duration.ofMinutes(10));
    }

    public String expiredOrganiserOf(String organisationId) {
        return token("organiser@" + organisationId, organisationId, List.of("organiser"), Duration.ofMinutes(-5));
    }

    public String token(String subject, String organisationId, List<String> roles, Duration validFor) {
        return token(subject, organisationId, roles, validFor, AUDIENCE);
    }

    /** A token for another application of the same provider, which Convene's services must refuse. */
    public String organiserTokenForAnotherAudience(String organisationId) {
        return token(
                "organiser@" + organisationId,
                organisationId,
                List.of("organiser"),
                Duration.ofMinutes(10),
                "other-app");
    }

    /**
     * A well-formed organiser's token signed with this provider's own key but naming another issuer:
     * only the issuer check can refuse it.
     */
    public String organiserTokenFromForeignIssuer(String organisationId) {
        return token(
                FOREIGN_ISSUER,
                "organiser@" + organisationId,
                organisationId,
                List.of("organiser"),
                Duration.ofMinutes(10),
                AUDIENCE);
    }

    /**
     * An organiser's valid token for one organisation with its payload rewritten to claim another and
     * the admin role, keeping the original signature: only the signature check can refuse it.
     */
    public String tamperedToken(String organisationId, String claimedOrganisationId) {
        var genuine = organiserOf(organisationId).split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(genuine[1]), StandardCharsets.UTF_8)
                .replace("\"" + organisationId + "\"", "\"" + claimedOrganisationId + "\"")
                .replace("[\"organiser\"]", "[\"organiser\",\"admin\"]");
        var forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return genuine[0] + "." + forged + "." + genuine[2];
    }

    /**
     * The tokens of an authorization matrix: organisers of organisations A and B, an admin (of an
     * organisation of their own), and the tokens every service must refuse.
     */
    public CallerTokens callers(String organisationA, String organisationB) {
        return caller -> Optional.ofNullable(
                switch (caller) {
                    case ANONYMOUS -> null;
                    case ORGANISER_OF_A -> organiserOf(organisationA);
                    case ORGANISER_OF_B -> organiserOf(organisationB);
                    case ADMIN -> adminOf("convene-admins");
                    case EXPIRED_TOKEN -> expiredOrganiserOf(organisationA);
                    case FOREIGN_ISSUER -> organiserTokenFromForeignIssuer(organisationA);
                    case TAMPERED_SIGNATURE -> tamperedToken(organisationB, organisationA);
                    case OTHER_AUDIENCE -> organiserTokenForAnotherAudience(organisationA);
                });
    }

    public String token(String subject, String organisationId, List<String> roles, Duration validFor, String audience) {
        return token(ISSUER, subject, organisationId, roles, validFor, audience);
    }

    private String token(
            String issuer,
            String subject,
            String organisationId,
            List<String> roles,
            Duration validFor,
            String audience) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .issueTime(Date.from(now.minusSeconds(60)))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("org_id", organisationId)
                .claim("roles", roles)
                // Identity providers put the person's address here; organisers get test copies at it.
                .claim("email", subject.contains("@") ? subject + ".example" : null)
                .jwtID(UUID.randomUUID().toString())
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }
}
