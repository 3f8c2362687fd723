package org.convene.gateway.resilience;

import java.time.Duration;
import org.convene.gateway.edge.EdgeProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Each route's time limit ({@code convene.gateway.timeouts.<route>}) as Reactor Netty's response
 * timeout on the proxied request: a read-timeout handler on the connection's own event loop, started
 * when the request has been sent and stopped when the response is in. No Reactor timer and no other
 * thread per request, unlike a time limiter around the call ({@code Mono.timeout} schedules a task on
 * a shared timer for every request). The route's limit travels in the Reactor context from this
 * filter to the client's request.
 *
 * <p>A service that sends nothing for that long fails the attempt with a read time-out: the circuit
 * breaker counts it and the client gets 503 problem details. A timed-out attempt is not retried
 * (ReadRetry retries only connection failures and 502/503/504 answers), so a slow service costs a
 * request at most its limit, plus any fast failed attempts before it.
 */
@Component
class RouteResponseTimeouts implements GlobalFilter, Ordered, HttpClientCustomizer {

    private static final String LIMIT = RouteResponseTimeouts.class.getName() + ".limit";

    private final EdgeProperties properties;

    RouteResponseTimeouts(EdgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 60;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        Duration limit = properties.timeout(route.getId());
        return chain.filter(exchange).contextWrite(context -> context.put(LIMIT, limit));
    }

    @Override
    public HttpClient customize(HttpClient client) {
        return client.doOnRequest((request, connection) ->
                request.currentContextView().<Duration>getOrEmpty(LIMIT).ifPresent(request::responseTimeout));
    }
}
