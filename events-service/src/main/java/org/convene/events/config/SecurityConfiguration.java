package org.convene.events.config;

import java.nio.charset.StandardCharsets;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Public reading, everything else for callers with a valid token. The list of public endpoints
 * is explicit; anything not on it is denied by default. Tokens are validated here, never trusted
 * from a header set upstream.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.GET, "/api/events", "/api/events/*", "/api/events/*/calendar.ics")
                        .permitAll()
                        // Only health, info and prometheus are exposed; the rest answer 404 to everyone.
                        .pathMatchers(HttpMethod.GET, "/actuator/**")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> {})
                        .authenticationEntryPoint((exchange, e) -> problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "Sign in as an organiser to do this."))
                        .accessDeniedHandler((exchange, e) ->
                                problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "You may not do this.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, e) -> problem(
                                exchange,
                                HttpStatus.UNAUTHORIZED,
                                "unauthenticated",
                                "Sign in as an organiser to do this."))
                        .accessDeniedHandler((exchange, e) ->
                                problem(exchange, HttpStatus.FORBIDDEN, "forbidden", "You may not do this.")))
                .build();
    }

    /**
     * Tokens from the configured identity provider: keys from its JWK set (or from OIDC discovery
     * of the issuer), with signature, expiry and issuer checked. With neither configured — the
     * embedded default before identity exists — every token is refused, so nothing opens by mistake.
     */
    @Bean
    ReactiveJwtDecoder jwtDecoder(
            @Value("${convene.security.issuer-uri:}") String issuerUri,
            @Value("${convene.security.jwk-set-uri:}") String jwkSetUri,
            @Value("${convene.security.issuer:}") String issuer,
            @Value("${convene.security.audience:}") String audience) {
        NimbusReactiveJwtDecoder decoder;
        String expectedIssuer;
        if (!jwkSetUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
            expectedIssuer = issuer;
        } else if (!issuerUri.isBlank()) {
            decoder = NimbusReactiveJwtDecoder.withIssuerLocation(issuerUri).build();
            expectedIssuer = issuerUri;
        } else {
            return token -> Mono.error(new BadJwtException("No identity provider is configured"));
        }
        var validators = new java.util.ArrayList<
                org.springframework.security.oauth2.core.OAuth2TokenValidator<
                        org.springframework.security.oauth2.jwt.Jwt>>();
        validators.add(
                expectedIssuer.isBlank()
                        ? JwtValidators.createDefault()
                        : JwtValidators.createDefaultWithIssuer(expectedIssuer));
        if (!audience.isBlank()) {
            // Tokens the same provider issued for other applications are not ours.
            validators.add(new org.springframework.security.oauth2.jwt.JwtClaimValidator<java.util.List<String>>(
                    "aud", aud -> aud != null && aud.contains(audience)));
        }
        decoder.setJwtValidator(
                new org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, String kind, String detail) {
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        var body = """
                {"type":"https://convene.dev/problems/%s","title":"%s","status":%d,"detail":"%s"}""".formatted(kind, status.getReasonPhrase(), status.value(), detail);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
    }
}
