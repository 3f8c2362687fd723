package org.convene.support.security;

import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.util.retry.Retry;

/**
 * How every service validates organisers' tokens, and answers when it refuses one. Each service
 * keeps its own list of public endpoints; this is the part that must not differ between them.
 */
public final class JwtSecurity {

    private JwtSecurity() {}

    /**
     * Tokens from the configured identity provider: keys from its JWK set (or OIDC discovery of the
     * issuer), with signature, expiry, issuer and, when set, audience checked. With no provider
     * configured every token is refused, so nothing opens by mistake.
     */
    public static ReactiveJwtDecoder decoder(String issuerUri, String jwkSetUri, String issuer, String audience) {
        NimbusReactiveJwtDecoder decoder;
        String expectedIssuer;
        if (jwkSetUri != null && !jwkSetUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri)
                    .webClient(keySetClient())
                    .build();
            expectedIssuer = issuer;
        } else if (issuerUri != null && !issuerUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri)
                    .webClient(keySetClient())
                    .build();
            expectedIssuer = issuerUri;
        } else {
            return token -> Mono.error(new BadJwtException("No identity provider is configured"));
        }
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(
                expectedIssuer == null || expectedIssuer.isBlank()
                        ? JwtValidators.createDefault()
                        : JwtValidators.createDefaultWithIssuer(expectedIssuer));
        if (audience != null && !audience.isBlank()) {
            // Tokens the same provider issued for other applications are not ours.
            validators.add(new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        // Spring Security passes a key set that could not be read on as an IllegalStateException, which
        // would be a 500 with the framework's body; as a JwtException it becomes the 503 problem below.
        return token -> decoder.decode(token)
                .onErrorMap(
                        IllegalStateException.class,
                        failure -> new JwtException("The identity provider's keys could not be read", failure));
    }

    /**
     * The client that reads the provider's keys. A token naming a key id the service has not seen makes
     * it read the key set again, perhaps minutes after the last read: a pooled connection the provider
     * closed meanwhile, or a provider busy for a moment, must not turn a refusal into a 500. So idle
     * connections are dropped before a server's usual keep-alive ends, a read is bounded in time, and a
     * failed connection is tried again (the read is an idempotent GET).
     */
    static WebClient keySetClient() {
        var connections = ConnectionProvider.builder("identity-provider-keys")
                .maxConnections(4)
                .maxIdleTime(Duration.ofSeconds(15))
                .pendingAcquireTimeout(Duration.ofSeconds(5))
                .build();
        var http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2_000)
                .responseTimeout(KEY_SET_READ_TIMEOUT);
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .filter((request, next) -> next.exchange(request)
                        .retryWhen(Retry.backoff(2, Duration.ofMillis(100))
                                .filter(JwtSecurity::worthRetrying)
                                .onRetryExhaustedThrow((spec, signal) -> signal.failure())))
                .build();
    }

    private static final Duration KEY_SET_READ_TIMEOUT = Duration.ofSeconds(3);

    private static boolean worthRetrying(Throwable failure) {
        return failure instanceof WebClientRequestException;
    }

    /**
     * The filter chain every service uses: stateless bearer tokens, refusals as problem details,
     * the service's public endpoints as it lists them, the actuator readable (only health, info and
     * prometheus are exposed, and only on the management port, which listens on loopback unless opened;
     * the rest answer 404), and everything else for authenticated callers.
     */
    public static org.springframework.security.web.server.SecurityWebFilterChain filterChain(
            org.springframework.security.config.web.server.ServerHttpSecurity http,
            java.util.function.Consumer<
                            org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec>
                    publicEndpoints) {
        return http.csrf(org.springframework.security.config.web.server.ServerHttpSecurity.CsrfSpec::disable)
                // Spring Security's reactive default is no-referrer, with which browsers send "Origin: null" on
                // the form posts of a service's pages (the newsletter's); same-origin still keeps private links
                // out of other sites' logs.
                .headers(headers -> headers.referrerPolicy(referrer -> referrer.policy(
                        org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter
                                .ReferrerPolicy.SAME_ORIGIN)))
                .httpBasic(org.springframework.security.config.web.server.ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(org.springframework.security.config.web.server.ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> {
                    publicEndpoints.accept(exchanges);
                    exchanges
                            .pathMatchers(org.springframework.http.HttpMethod.GET, "/actuator/**")
                            .permitAll()
                            .anyExchange()
                            .authenticated();
                })
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> {})
                        .authenticationFailureHandler(JwtSecurity::refused)
                        .authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                        .accessDeniedHandler((exchange, e) -> forbidden(exchange)))
                .exceptionHandling(
                        handling -> handling.authenticationEntryPoint((exchange, e) -> unauthenticated(exchange))
                                .accessDeniedHandler((exchange, e) -> forbidden(exchange)))
                .build();
    }

    /** A refusal as an RFC 9457 problem, written without the framework's words. */
    public static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String kind, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var body = """
                {"type":"https://convene.dev/problems/%s","title":"%s","status":%d,"detail":"%s"}""".formatted(kind, status.getReasonPhrase(), status.value(), detail);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * A token that could not be checked because the provider's keys could not be read is not the
     * caller's fault: 503 with a time to try again, as a problem, never the framework's error page.
     * Every other refusal is the usual 401.
     */
    private static Mono<Void> refused(WebFilterExchange exchange, AuthenticationException failure) {
        if (failure instanceof AuthenticationServiceException) {
            exchange.getExchange().getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, "5");
            return problem(
                    exchange.getExchange(),
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "identity-provider-unavailable",
                    "Your sign-in could not be checked just now. Please try again in a few seconds.");
        }
        return unauthenticated(exchange.getExchange());
    }

    public static Mono<Void> unauthenticated(ServerWebExchange exchange) {
        return problem(exchange, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in as an organiser to do this.");
    }

    public static Mono<Void> forbidden(ServerWebExchange exchange) {
        return problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
    }
}
