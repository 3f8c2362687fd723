package org.convene.web.api;

import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The caller's own credentials as the page received them, kept in the Reactor context so that every
 * API call made for this page carries them ({@link ServiceCalls}). The pages never hold a token of
 * their own: what an organiser may see is decided by the services, from the organiser's token.
 */
public record CallerCredentials(
        @Nullable String authorization, @Nullable String requestId) {

    static final CallerCredentials NONE = new CallerCredentials(null, null);

    @Component
    static class Capture implements WebFilter, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 100;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
            var headers = exchange.getRequest().getHeaders();
            var authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
            var bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
            var caller = new CallerCredentials(bearer ? authorization : null, headers.getFirst("X-Request-Id"));
            return chain.filter(exchange).contextWrite(context -> context.put(CallerCredentials.class, caller));
        }
    }
}
