package org.convene.support.web;

import io.micrometer.context.ContextRegistry;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The gateway's request id ({@code X-Request-Id}) in every log line a service writes while it
 * serves that request, as {@code requestId}, whichever thread the reactive work runs on: the id
 * travels in the Reactor context and context propagation puts it into the logging MDC. Only a
 * well-formed id is taken, so a caller cannot write into the logs.
 */
public class RequestIds implements WebFilter, Ordered {

    public static final String HEADER = "X-Request-Id";
    public static final String KEY = "requestId";
    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    static {
        ContextRegistry.getInstance()
                .registerThreadLocalAccessor(
                        KEY, () -> MDC.get(KEY), value -> MDC.put(KEY, value), () -> MDC.remove(KEY));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var id = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (id == null || !WELL_FORMED.matcher(id).matches()) {
            return chain.filter(exchange);
        }
        exchange.getResponse().getHeaders().set(HEADER, id);
        return chain.filter(exchange).contextWrite(context -> context.put(KEY, id));
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
