package org.convene.events.config;

import org.convene.support.security.JwtSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Public reading, everything else for callers with a valid token. The list of public endpoints
 * is explicit; anything not on it is denied by default. Tokens are validated here, never trusted
 * from a header set upstream.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain securityFilterChain(ServerHttpSecurity http) {
        return JwtSecurity.filterChain(
                http,
                exchanges -> exchanges
                        // Invitations and their codes are for the event's organisers only (ADR 13), whatever
                        // public reading below may come to match; the controller checks the organisation.
                        .pathMatchers("/api/events/*/invitations", "/api/events/*/invitations/**")
                        .authenticated()
                        // The API document (springdoc), which the gateway aggregates; it describes public and organiser
                        // endpoints alike.
                        .pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml")
                        .permitAll()
                        // Readiness on the public port, only where the launcher turns it on for several replicas:
                        // the gateway's load balancer asks it of each instance (ADR 18). Status only, no details.
                        .pathMatchers(HttpMethod.GET, "/readyz")
                        .permitAll()
                        .pathMatchers(HttpMethod.GET, "/api/events", "/api/events/*", "/api/events/*/calendar.ics")
                        .permitAll()
                        // The public booking request form (ADR 14): sending only; the inbox is the organisers'.
                        .pathMatchers(HttpMethod.POST, "/api/organisations/*/booking-requests")
                        .permitAll()
                        // What an organisation offers, for that form: names, descriptions and kinds only.
                        .pathMatchers(HttpMethod.GET, "/api/organisations/*/offerings")
                        .permitAll()
                        // An organisation's calendar feed: its public events, as their own calendar entries are.
                        .pathMatchers(HttpMethod.GET, "/api/organisations/*/events.ics")
                        .permitAll());
    }
}
