package org.convene.gateway.resilience;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The gateway's {@code Retry} filter for the requests it may retry, and nothing at all for the others
 * ({@code ReadRetry} in application.yml, with the same arguments as {@code Retry}). The stock filter
 * wraps every request in its repeat-and-retry operators and only then asks whether the method may be
 * tried again; here a POST, PUT, PATCH or DELETE goes straight on, and is never sent twice.
 */
@Component
class ReadRetryGatewayFilterFactory extends RetryGatewayFilterFactory {

    @Override
    public GatewayFilter apply(RetryConfig config) {
        var retry = super.apply(config);
        var methods = config.getMethods();
        return new GatewayFilter() {
            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return methods.contains(exchange.getRequest().getMethod())
                        ? retry.filter(exchange, chain)
                        : chain.filter(exchange);
            }

            @Override
            public String toString() {
                return "ReadRetry " + methods + " " + retry;
            }
        };
    }
}
