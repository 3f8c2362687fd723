package org.convene.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.web.reactive.function.server.RequestPredicates.GET;
import static org.springframework.web.reactive.function.server.RouterFunctions.route;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.test.StepVerifier;

class JwtSecurityTests {

    private static final String ISSUER = "https://identity.example";

    private RSAKey key;
    private HttpServer provider;
    private final AtomicInteger dropsLeft = new AtomicInteger();
    private final AtomicInteger keySetReads = new AtomicInteger();

    @BeforeEach
    void startProvider() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").keyUse(KeyUse.SIGNATURE).generate();
        var keySet = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        provider = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        provider.createContext("/jwks", exchange -> {
            keySetReads.incrementAndGet();
            if (dropsLeft.getAndDecrement() > 0) {
                // What a provider closing a kept-alive connection looks like to the client: no answer at all.
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, keySet.length);
            exchange.getResponseBody().write(keySet);
            exchange.close();
        });
        provider.start();
    }

    @AfterEach
    void stopProvider() {
        provider.stop(0);
    }

    @Test
    void readsTheKeysAgainWhenTheProviderDropsAConnection() throws Exception {
        dropsLeft.set(1);
        var decoder = JwtSecurity.decoder("", keySetUri(), ISSUER, "convene");

        StepVerifier.create(decoder.decode(token(ISSUER)))
                .assertNext(jwt -> assertThat(jwt.getSubject()).isEqualTo("organiser@demo"))
                .expectComplete()
                .verify(Duration.ofSeconds(20));
        assertThat(keySetReads).hasValue(2);
    }

    @Test
    void anotherIssuerIsABadTokenEvenWithAGoodSignature() throws Exception {
        var decoder = JwtSecurity.decoder("", keySetUri(), ISSUER, "convene");

        StepVerifier.create(decoder.decode(token("https://evil.example")))
                .expectError(BadJwtException.class)
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void aProviderThatCannotBeReachedIsNotTheCallersFault() throws Exception {
        var decoder = JwtSecurity.decoder("", "http://127.0.0.1:" + closedPort() + "/jwks", ISSUER, "convene");

        StepVerifier.create(decoder.decode(token(ISSUER)))
                .expectErrorSatisfies(error ->
                        assertThat(error).isInstanceOf(JwtException.class).isNotInstanceOf(BadJwtException.class))
                .verify(Duration.ofSeconds(20));
    }

    @Test
    void answersAProblemWithATimeToRetryWhenTheKeysCannotBeRead() throws Exception {
        var unreachable = "http://127.0.0.1:" + closedPort() + "/jwks";
        var token = token(ISSUER);
        try (var context = new AnnotationConfigApplicationContext()) {
            context.registerBean(ReactiveJwtDecoder.class, () -> JwtSecurity.decoder("", unreachable, ISSUER, ""));
            context.register(SecuredApplication.class);
            context.refresh();
            var client = WebTestClient.bindToApplicationContext(context)
                    .configureClient()
                    .responseTimeout(Duration.ofSeconds(30))
                    .build();

            client.get()
                    .uri("/secret")
                    .headers(headers -> headers.setBearerAuth(token))
                    .exchange()
                    .expectStatus()
                    .isEqualTo(503)
                    .expectHeader()
                    .valueEquals("Retry-After", "5")
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/identity-provider-unavailable")
                    .jsonPath("$.trace")
                    .doesNotExist();
            client.get()
                    .uri("/secret")
                    .headers(headers -> headers.setBearerAuth("not-a-token"))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("https://convene.dev/problems/unauthenticated");
        }
    }

    @EnableWebFlux
    @EnableWebFluxSecurity
    static class SecuredApplication {

        @Bean
        SecurityWebFilterChain securityChain(ServerHttpSecurity http) {
            return JwtSecurity.filterChain(http, exchanges -> {});
        }

        @Bean
        RouterFunction<ServerResponse> secret() {
            return route(GET("/secret"), request -> ServerResponse.ok().bodyValue("secret"));
        }
    }

    private String keySetUri() {
        return "http://127.0.0.1:" + provider.getAddress().getPort() + "/jwks";
    }

    private String token(String issuer) throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject("organiser@demo")
                .audience(List.of("convene"))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .build();
        var jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
