package org.convene.gateway.edge;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request an id: a well-formed incoming {@code X-Request-Id} is kept, anything else is
 * replaced by a new UUID. The id goes to the service with the request, back to the client on the
 * response (errors included), into the problem details the gateway writes, and into the gateway's
 * log lines as {@code requestId}. One access line per request names the method, route, status and
 * duration; never the path, which can hold a private manage or unsubscribe token.
 */
@Component
public class RequestIdFilter implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
    static final String MDC_KEY = "requestId";

    /** Letters, digits and {@code . _ : -}, up to 128: safe to log and to pass on. */
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private static final Logger access = LoggerFactory.getLogger("org.convene.gateway.access");

    static {
        // Puts the request id into the MDC wherever the request's Reactor context goes.
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(MDC_KEY));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        var id = incoming != null && WELL_FORMED.matcher(incoming).matches()
                ? incoming
                : UUID.randomUUID().toString();
        var withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(HEADER, id)))
                .build();
        withId.getAttributes().put(ATTRIBUTE, id);
        var response = withId.getResponse();
        response.getHeaders().set(HEADER, id);
        response.beforeCommit(() -> {
            response.getHeaders().set(HEADER, id);
            return Mono.empty();
        });
        long started = System.nanoTime();
        return chain.filter(withId)
                .doFinally(signal -> logAccess(withId, id, started))
                .contextWrite(context -> context.put(Slf4jThreadLocalAccessor.KEY, Map.of(MDC_KEY, id)));
    }

    public static String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    private static void logAccess(ServerWebExchange exchange, String id, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var status = exchange.getResponse().getStatusCode();
        try (var ignored = MDC.putCloseable(MDC_KEY, id)) {
            access.info(
                    "{} {} {} {} ms",
                    exchange.getRequest().getMethod(),
                    route == null ? "gateway" : route.getId(),
                    status == null ? "-" : status.value(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
