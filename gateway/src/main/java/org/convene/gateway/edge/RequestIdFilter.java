package org.convene.gateway.edge;

import io.micrometer.context.ContextRegistry;
import io.micrometer.context.integration.Slf4jThreadLocalAccessor;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * replaced by a new one, a random version-4 UUID in its usual text form (see {@link #newId()}). The id goes to the service with the request, back to the client on the
 * response (errors included), into the problem details the gateway writes, and into the gateway's
 * log lines as {@code requestId}. One access line per request names the method, route, status and
 * duration; never the path, which can hold a private manage or unsubscribe token. The access logger
 * writes through an asynchronous appender ({@link AsyncAccessLog}), so no request waits for the log; the line
 * carries the request id and the request's trace ({@link LogContext}).
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
        // Puts the request id into the MDC where an operator restores the Reactor context's thread-locals
        // (Mono.handle, tap: spring.reactor.context-propagation is limited); the gateway's own log lines put
        // it there themselves (LogContext).
        ContextRegistry.getInstance().registerThreadLocalAccessor(new Slf4jThreadLocalAccessor(MDC_KEY));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var incoming = exchange.getRequest().getHeaders().getFirst(HEADER);
        var id = incoming != null && WELL_FORMED.matcher(incoming).matches() ? incoming : newId();
        // The service gets the id from HeadersToServices, which copies the proxied request's headers anyway.
        var withId = exchange;
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

    /**
     * A random version-4 UUID ({@code xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx}) drawn from the calling
     * thread's {@link ThreadLocalRandom}: an id to correlate log lines, not a secret, so it needs no
     * {@code SecureRandom} (whose shared lock {@link UUID#randomUUID()} takes on every call). 122
     * random bits make a collision between any two ids of a day's traffic vanishingly unlikely.
     */
    static String newId() {
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    public static @Nullable String of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    private static void logAccess(ServerWebExchange exchange, String id, long started) {
        if (!access.isInfoEnabled()) {
            return;
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var status = exchange.getResponse().getStatusCode();
        try (var ignored = LogContext.of(exchange)) {
            access.info(
                    "{} {} {} {} ms",
                    exchange.getRequest().getMethod(),
                    route == null ? "gateway" : route.getId(),
                    status == null ? "-" : status.value(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }
}
