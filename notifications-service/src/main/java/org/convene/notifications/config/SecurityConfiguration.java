package org.convene.notifications.config;

import org.convene.support.security.JwtSecurity;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Subscribing and everything done by a subscriber's private token is public, listed here one by
 * one; organisers' newsletters need a valid token; anything not listed is denied by default.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
        return JwtSecurity.filterChain(
                http,
                exchanges -> exchanges
                        // The API document (springdoc), which the gateway aggregates; it describes public and organiser
                        // endpoints alike.
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml")
                        .permitAll()
                        // Readiness on the public port, only where the launcher turns it on for several replicas:
                        // the gateway's load balancer asks it of each instance (ADR 18). Status only, no details.
                        .pathMatchers(HttpMethod.GET, "/readyz")
                        .permitAll()
                        .pathMatchers(HttpMethod.POST, "/api/newsletter/subscriptions")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.GET,
                                "/api/newsletter/subscriptions/*",
                                "/api/newsletter/subscriptions/*/export")
                        .permitAll()
                        .pathMatchers(HttpMethod.PUT, "/api/newsletter/subscriptions/*")
                        .permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/newsletter/subscriptions/*")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/newsletter/subscriptions/*/confirmation",
                                "/api/newsletter/subscriptions/*/unsubscribe")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.GET,
                                "/newsletter/confirm/*",
                                "/newsletter/unsubscribe/*",
                                "/newsletter/preferences/*",
                                "/newsletter/pages.css")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.POST,
                                "/newsletter/confirm/*",
                                "/newsletter/unsubscribe/*",
                                "/newsletter/preferences/*",
                                "/newsletter/erase/*")
                        .permitAll());
    }
}
