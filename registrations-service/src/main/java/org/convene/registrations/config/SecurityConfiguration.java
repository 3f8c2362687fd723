package org.convene.registrations.config;

import org.convene.support.security.JwtSecurity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * Registering and managing one's own registration by private link are public; the list of public
 * endpoints is explicit, and everything else needs an organiser's token: check-in by code
 * ({@code POST /api/events/{eventId}/check-in}) too, since a code names a person to mark at the door.
 */
@Configuration(proxyBeanMethods = false)
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
                        .pathMatchers(HttpMethod.POST, "/api/events/*/registrations")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.GET,
                                "/api/events/availability",
                                "/api/events/*/availability",
                                "/api/registrations/manage/*",
                                "/api/registrations/manage/*/arranged")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.POST,
                                "/api/registrations/manage/*/cancel",
                                "/api/registrations/manage/*/erase",
                                "/api/registrations/manage/*/group/members")
                        .permitAll()
                        .pathMatchers(HttpMethod.DELETE, "/api/registrations/manage/*/group/members/*")
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.PUT,
                                "/api/registrations/manage/*/support-needs",
                                "/api/registrations/manage/*/reading",
                                "/api/registrations/manage/*/group/members/*/support-needs")
                        .permitAll());
    }
}
