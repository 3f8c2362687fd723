package org.convene.gateway.security;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The pages' language and reading-mode cookies ({@code convene-lang}, {@code convene-easy-read}; ADR 21) still
 * reach the pages (route {@code web}) after every route drops the Cookie header: the session cookie is the
 * gateway's alone, these two are the pages' own. {@link Remember} notes them before the route's filters run,
 * {@link Pass} gives the pages a Cookie header of just them afterwards. Values that cannot be a preference
 * (anything but a few letters, digits and hyphens) are left out; no other route ever gets them.
 */
final class PagePreferenceCookies {

    static final List<String> NAMES = List.of("convene-lang", "convene-easy-read");
    private static final String PAGES_ROUTE = "web";
    private static final String ATTRIBUTE = PagePreferenceCookies.class.getName();
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9-]{1,16}");

    private PagePreferenceCookies() {}

    @Component
    static class Remember implements GlobalFilter, Ordered {

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE + 60;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
            if (route == null || !PAGES_ROUTE.equals(route.getId())) {
                return chain.filter(exchange);
            }
            var cookies = exchange.getRequest().getCookies();
            var kept = NAMES.stream()
                    .map(cookies::getFirst)
                    .filter(cookie ->
                            cookie != null && VALUE.matcher(cookie.getValue()).matches())
                    .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                    .collect(Collectors.joining("; "));
            if (!kept.isEmpty()) {
                exchange.getAttributes().put(ATTRIBUTE, kept);
            }
            return chain.filter(exchange);
        }
    }

    @Component
    static class Pass implements GlobalFilter, Ordered {

        /** After the routes' own filters (numbered from 1), which remove the Cookie header; before routing. */
        @Override
        public int getOrder() {
            return 5_000;
        }

        @Override
        public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
            String kept = exchange.getAttribute(ATTRIBUTE);
            if (kept == null) {
                return chain.filter(exchange);
            }
            return chain.filter(exchange.mutate()
                    .request(request -> request.headers(headers -> headers.set(HttpHeaders.COOKIE, kept)))
                    .build());
        }
    }
}
