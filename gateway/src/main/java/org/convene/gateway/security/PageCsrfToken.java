package org.convene.gateway.security;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Gives the pages (route {@code web}) the browser's CSRF token, from the gateway's {@code XSRF-TOKEN}
 * cookie, in a header: the pages put it in their forms and compare it when a form comes back
 * (double-submit), because the session cookie itself never reaches them. A header of that name sent
 * by a client is always dropped, on every route.
 */
@Component
class PageCsrfToken implements GlobalFilter, Ordered {

    static final String HEADER = "X-Convene-Csrf";
    private static final String PAGES_ROUTE = "web";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 50;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        if (route == null || !PAGES_ROUTE.equals(route.getId()) || token == null) {
            return chain.filter(without(exchange));
        }
        return token.map(csrf -> exchange.mutate()
                        .request(request -> request.headers(headers -> headers.set(HEADER, csrf.getToken())))
                        .build())
                .defaultIfEmpty(without(exchange))
                .flatMap(chain::filter);
    }

    private static ServerWebExchange without(ServerWebExchange exchange) {
        if (!exchange.getRequest().getHeaders().containsHeader(HEADER)) {
            return exchange;
        }
        return exchange.mutate()
                .request(request -> request.headers(headers -> headers.remove(HEADER)))
                .build();
    }
}
