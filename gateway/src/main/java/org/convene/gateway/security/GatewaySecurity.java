package org.convene.gateway.security;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.convene.gateway.edge.EdgeProperties;
import org.convene.gateway.edge.Problems;
import org.convene.gateway.edge.RequestIdFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.server.DefaultServerOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CookieServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;
import org.springframework.web.server.WebFilter;
import reactor.core.publisher.Mono;

/**
 * The gateway as the browser's backend-for-frontend. It signs people in with OpenID Connect
 * (authorization code with PKCE), keeps their tokens in the server-side session (the browser only
 * holds an HttpOnly, SameSite=Lax session cookie, Secure when the request came over TLS), relays
 * the access token to the services and refreshes it, and signs out at the provider too.
 *
 * <p>It authorises nothing itself: every service validates the token and decides (issue 6). API
 * clients send their own bearer token, which passes through untouched. State-changing requests that
 * ride on the session cookie must carry the CSRF token (double-submit: cookie {@code XSRF-TOKEN},
 * header {@code X-XSRF-TOKEN}); bearer-token and cookie-less requests cannot be forged cross-site,
 * so they need none.
 *
 * <p>Two filter chains. API calls without the session cookie ({@code /api/**} with a bearer token or
 * none, except the gateway's own {@code /api/session}) take {@link #apiFilterChain}: no session is
 * read or created, no cookie is set, no CSRF token is resolved and no request is cached; only CORS
 * and the security headers apply. Everything else (pages, sign-in, sign-out, and the API when the
 * browser sends its session cookie) takes {@link #gatewayFilterChain}, the browser's session path.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    static final String SESSION_COOKIE = "SESSION";
    private static final String REGISTRATION = "convene";

    /**
     * The API without a session: as fast as a proxy can be, and nothing to forge because nothing rides
     * on a cookie. Anonymous authentication is off too, so no principal reaches TokenRelay (which would
     * otherwise look for a signed-in browser's token in a session).
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain apiFilterChain(ServerHttpSecurity http, EdgeProperties edge) {
        return http.securityMatcher(sessionLessApiCall())
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .cors(cors -> cors.configurationSource(corsConfiguration(edge.corsOrigins())))
                .headers(GatewaySecurity::securityHeaders)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .build();
    }

    /** The gateway's own answer about the browser's session always goes the session's way. */
    private static final String SESSION_ENDPOINT = "/api/session";

    /** {@code /api/**} (not {@code /api/session}) arriving without the session cookie. */
    static ServerWebExchangeMatcher sessionLessApiCall() {
        return exchange -> {
            var request = exchange.getRequest();
            var path = request.getPath().pathWithinApplication().value();
            boolean api = path.startsWith("/api/") && !path.equals(SESSION_ENDPOINT);
            return api && !request.getCookies().containsKey(SESSION_COOKIE)
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /** The same security headers on both paths. */
    private static void securityHeaders(ServerHttpSecurity.HeaderSpec headers) {
        headers.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                // Written only on HTTPS requests (directly or behind a proxy that says so).
                .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(false));
    }

    /** The browser's session path: pages, sign-in, sign-out, and the API when it rides on the session cookie. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain gatewayFilterChain(
            ServerHttpSecurity http,
            ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients,
            GatewaySessionProperties session,
            EdgeProperties edge) {
        var authorizationRequests = new DefaultServerOAuth2AuthorizationRequestResolver(registrations);
        // PKCE for every sign-in, even though the gateway is a confidential client (OAuth 2.1).
        authorizationRequests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var signedOut = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        signedOut.setLogoutSuccessUrl(URI.create("/"));
        var csrfTokens = CookieServerCsrfTokenRepository.withHttpOnlyFalse();
        csrfTokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax").path("/"));
        return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .cors(cors -> cors.configurationSource(corsConfiguration(edge.corsOrigins())))
                .headers(GatewaySecurity::securityHeaders)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .oauth2Login(login -> login.authorizationRequestResolver(authorizationRequests)
                        .authorizedClientRepository(authorizedClients)
                        .authenticationSuccessHandler(
                                new RedirectServerAuthenticationSuccessHandler(session.afterSignIn())))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(signedOut))
                .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens)
                        // The plain token, as a page's script reads it from the cookie and sends it back.
                        .csrfTokenRequestHandler(new ServerCsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(cookieAuthenticatedStateChange()))
                .build();
    }

    /**
     * Newsletter subscribers act by the private token in their link, never by a session: the
     * session cookie grants nothing there, so a forged request gains nothing from it either (and
     * mail apps' one-click unsubscribe, RFC 8058, carries no CSRF token).
     */
    private static final List<String> ACTING_BY_PRIVATE_LINK = List.of("/newsletter/", "/api/newsletter/");

    /**
     * The pages' own forms: their CSRF token is checked by the pages (web), which get it from the
     * gateway in a header ({@link PageCsrfToken}); reading a form body here would consume it before
     * it is proxied.
     */
    static final List<String> PAGE_FORMS =
            List.of("/workshops/", "/manage/", "/subscribe", "/organisations/", "/organiser");

    /** Unsafe methods that arrive with the session cookie and no bearer token of their own. */
    static ServerWebExchangeMatcher cookieAuthenticatedStateChange() {
        return exchange -> {
            var request = exchange.getRequest();
            var path = request.getPath().pathWithinApplication().value();
            if (ACTING_BY_PRIVATE_LINK.stream().anyMatch(path::startsWith)
                    || PAGE_FORMS.stream().anyMatch(path::startsWith)) {
                return ServerWebExchangeMatcher.MatchResult.notMatch();
            }
            var method = request.getMethod();
            boolean safe = method == HttpMethod.GET
                    || method == HttpMethod.HEAD
                    || method == HttpMethod.OPTIONS
                    || method == HttpMethod.TRACE;
            boolean bearer = request.getHeaders().containsHeader(HttpHeaders.AUTHORIZATION);
            boolean session = request.getCookies().containsKey(SESSION_COOKIE);
            return !safe && !bearer && session
                    ? ServerWebExchangeMatcher.MatchResult.match()
                    : ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    /**
     * Browsers may call the API from the configured web origins only; a cross-origin request from any
     * other origin is refused (403), and with no origins configured every cross-origin request is.
     */
    static CorsConfigurationSource corsConfiguration(List<String> origins) {
        var cors = new CorsConfiguration();
        cors.setAllowedOrigins(origins.stream()
                .map(String::strip)
                .filter(origin -> !origin.isEmpty())
                .toList());
        cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(
                HttpHeaders.AUTHORIZATION,
                HttpHeaders.CONTENT_TYPE,
                HttpHeaders.IF_MATCH,
                "Idempotency-Key",
                "X-XSRF-TOKEN",
                "X-Request-Id",
                "traceparent",
                "tracestate"));
        cors.setExposedHeaders(
                List.of(HttpHeaders.ETAG, HttpHeaders.LOCATION, HttpHeaders.RETRY_AFTER, "X-Request-Id"));
        cors.setAllowCredentials(true);
        cors.setMaxAge(Duration.ofHours(1));
        var source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }

    /**
     * A request whose path the firewall refuses (encoded slashes or dots, dot segments, NUL, a backslash, a
     * semicolon) is answered with a problem detail like every other refusal, instead of an empty 400.
     */
    @Bean
    ServerExchangeRejectedHandler refusedAddresses() {
        return (exchange, rejected) -> Problems.write(
                exchange,
                Problems.problem(
                        HttpStatus.BAD_REQUEST,
                        "invalid-request",
                        "The request has mistakes",
                        "The address of this request holds characters Convene does not accept.",
                        RequestIdFilter.of(exchange)));
    }

    /**
     * A browser on an origin that may not call the API is refused with 403 as a problem detail, before Spring
     * Security's CORS filter would refuse it with an empty 403; allowed origins go on to that filter, which adds
     * the CORS headers. (After the request id is set, before the body limit.)
     */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 5)
    WebFilter refusedOrigins(EdgeProperties edge) {
        var source = corsConfiguration(edge.corsOrigins());
        return (exchange, chain) -> {
            var origin = exchange.getRequest().getHeaders().getOrigin();
            if (origin == null
                    || !org.springframework.web.cors.reactive.CorsUtils.isCorsRequest(exchange.getRequest())) {
                return chain.filter(exchange);
            }
            var cors = source.getCorsConfiguration(exchange);
            if (cors == null || cors.checkOrigin(origin) != null) {
                return chain.filter(exchange);
            }
            return Problems.write(
                    exchange,
                    Problems.problem(
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            "Not allowed from this origin",
                            "Pages on this origin may not call Convene's API.",
                            RequestIdFilter.of(exchange)));
        };
    }

    /**
     * Spring Security wraps no observation around its filter chain, its filters, authentications or
     * authorisations: {@code management.observations.enable.spring.security=false} (service-support's
     * default) only made those observations no-ops, still created and checked for each filter of each
     * request. The request itself is observed as before ({@code http.server.requests}).
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Writes the CSRF cookie on every response, so a page has the token before its first change. */
    @Bean
    WebFilter csrfCookieFilter() {
        return (exchange, chain) -> {
            Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
            return token == null ? chain.filter(exchange) : token.then(chain.filter(exchange));
        };
    }

    /** Tokens live in the server-side session, never in the browser. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClientRepository() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    /** Used by TokenRelay: hands out the session's access token, refreshing it when it is about to expire. */
    @Bean
    ReactiveOAuth2AuthorizedClientManager authorizedClientManager(
            ReactiveClientRegistrationRepository registrations,
            ServerOAuth2AuthorizedClientRepository authorizedClients) {
        var manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }
}
