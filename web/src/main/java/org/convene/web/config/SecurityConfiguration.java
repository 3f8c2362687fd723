package org.convene.web.config;

import java.net.URI;
import org.convene.support.security.JwtSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import reactor.core.publisher.Mono;

/**
 * Public pages for everyone; organisers' pages for callers whose token (relayed by the gateway from
 * the signed-in session) validates here, exactly as at the services. Someone not signed in, or whose
 * sign-in has lapsed, is sent to sign in rather than shown a 401. The services decide what the
 * organiser may see; this only keeps the organiser pages from rendering half-empty for a stranger.
 *
 * <p>CSRF: forms carry the token the gateway keeps in its cookie; {@link PageCsrfFilter} checks it.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
            // No form-action: signing out posts to the gateway, which redirects to the identity provider.
            + "style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    @Bean
    SecurityWebFilterChain pagesFilterChain(ServerHttpSecurity http, WebProperties properties) {
        ServerAuthenticationEntryPoint signIn = (exchange, e) -> redirect(exchange, properties.signInPath());
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        // Not no-referrer: with it, browsers send "Origin: null" on form posts, which the gateway's
                        // CORS check rightly refuses.
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/organiser", "/organiser/**")
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .oauth2ResourceServer(
                        resourceServer -> resourceServer.jwt(jwt -> {}).authenticationEntryPoint(signIn))
                .exceptionHandling(handling -> handling.authenticationEntryPoint(signIn)
                        .accessDeniedHandler((exchange, e) -> JwtSecurity.forbidden(exchange)))
                .build();
    }

    private static Mono<Void> redirect(org.springframework.web.server.ServerWebExchange exchange, String path) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatus.SEE_OTHER);
        response.getHeaders().setLocation(URI.create(path));
        return response.setComplete();
    }
}
