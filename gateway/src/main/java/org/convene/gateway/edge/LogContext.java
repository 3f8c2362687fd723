package org.convene.gateway.edge;

import io.micrometer.tracing.handler.TracingObservationHandler;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.web.server.ServerWebExchange;

/**
 * The request's log fields ({@code requestId}, {@code traceId}, {@code spanId}) in the MDC while the
 * gateway logs about a request. The gateway does not restore thread-locals at every Reactor operator
 * ({@code spring.reactor.context-propagation: limited}, a large share of a proxied request's CPU
 * otherwise), so the few places that log about a request put them in themselves: the access line,
 * the unavailable route, the rate limit. The trace is the request's own (server) span, the one its
 * observation started; the fields are removed (or the previous values restored) on {@link #close()}.
 */
public final class LogContext implements AutoCloseable {

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private final List<String[]> previous = new ArrayList<>(3);

    private LogContext() {}

    /** Puts the exchange's request id and trace into the MDC until {@link #close()}. */
    public static LogContext of(ServerWebExchange exchange) {
        var fields = new LogContext();
        fields.put(RequestIdFilter.MDC_KEY, RequestIdFilter.of(exchange));
        ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .ifPresent(span -> {
                    var trace = span.context();
                    fields.put(TRACE_ID, trace.traceId());
                    fields.put(SPAN_ID, trace.spanId());
                });
        return fields;
    }

    private void put(String key, @Nullable String value) {
        if (value == null) {
            return;
        }
        previous.add(new String[] {key, MDC.get(key)});
        MDC.put(key, value);
    }

    @Override
    public void close() {
        for (int i = previous.size() - 1; i >= 0; i--) {
            var entry = previous.get(i);
            if (entry[1] == null) {
                MDC.remove(entry[0]);
            } else {
                MDC.put(entry[0], entry[1]);
            }
        }
        previous.clear();
    }
}
