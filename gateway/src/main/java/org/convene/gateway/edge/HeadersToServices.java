package org.convene.gateway.edge;

import io.micrometer.tracing.handler.TracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The headers the gateway adds to each proxied request, in the one copy of its headers: the request's
 * id ({@code X-Request-Id}, {@link RequestIdFilter}; the exchange's own request is not rewritten for
 * it) and the trace context.
 *
 * <p>Each proxied request goes on under the gateway's own span: the trace context headers a caller
 * sent ({@code traceparent}, {@code tracestate}, {@code baggage}: the propagator's fields) are
 * replaced by those of the span the gateway's request observation started (a child of the caller's
 * span when there was one, or a new trace), so a request's log lines in the gateway and in the
 * services share one trace id and the services continue the gateway's sampling decision.
 *
 * <p>This takes the place of the gateway's per-call client observation
 * ({@code spring.cloud.gateway.server.webflux.observability.enabled=false}), which started a second
 * observation, span and timer for every proxied request (about a tenth of its CPU) only to do the same.
 */
@Component
class HeadersToServices implements HttpHeadersFilter, Ordered {

    private final Propagator propagator;

    HeadersToServices(Propagator propagator) {
        this.propagator = propagator;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        var span = ServerRequestObservationContext.findCurrent(exchange.getAttributes())
                .map(context -> context.<TracingObservationHandler.TracingContext>get(
                        TracingObservationHandler.TracingContext.class))
                .map(TracingObservationHandler.TracingContext::getSpan)
                .orElse(null);
        var headers = new HttpHeaders();
        headers.putAll(input);
        var requestId = RequestIdFilter.of(exchange);
        if (requestId != null) {
            headers.set(RequestIdFilter.HEADER, requestId);
        }
        for (var field : propagator.fields()) {
            headers.remove(field);
        }
        if (span != null) {
            // The carrier handed back is these headers.
            propagator.inject(span.context(), headers, (carrier, name, value) -> headers.set(name, value));
        }
        return headers;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.REQUEST;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
