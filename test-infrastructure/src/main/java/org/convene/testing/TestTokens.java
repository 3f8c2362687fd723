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
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * A stand-in identity provider for tests: signs real JWTs with its own RSA key and serves the
 * public key as a JWK set over HTTP, so services validate tokens exactly as they would in
 * production (signature, issuer, expiry). One per test JVM.
 */
public final class TestTokens {

    public static final String ISSUER = "https://identity.convene.test";
    public static final String AUDIENCE = "convene";

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

    public String token(String subject, String organisationId, List<String> roles, Duration validFor, String audience) {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
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
