package org.convene.gateway.edge;

import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * A Content-Security-Policy for the gateway's own pages and answers (home page, Swagger UI, session,
 * problem details). Responses proxied from a service keep whatever policy that service sets: the
 * gateway does not know what its pages need. (nosniff, Referrer-Policy, frame options and HSTS come
 * from the security filter chain, for every response.)
 */
@Component
public class ContentSecurityPolicyFilter implements WebFilter, Ordered {

    public static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
            + "base-uri 'self'; frame-ancestors 'none'";
    private static final String HEADER = "Content-Security-Policy";

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var response = exchange.getResponse();
        response.beforeCommit(() -> {
            boolean proxied = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ALREADY_ROUTED_ATTR) != null
                    && exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR) == null;
            if (!proxied && !response.getHeaders().containsHeader(HEADER)) {
                response.getHeaders().set(HEADER, POLICY);
            }
            return Mono.empty();
        });
        return chain.filter(exchange);
    }
}
