package org.convene.gateway.ratelimit;

import java.util.List;
import java.util.Map;
import org.convene.gateway.edge.EdgeProperties;
import org.convene.gateway.edge.EdgeProperties.Policy;
import org.convene.gateway.edge.LogContext;
import org.convene.gateway.edge.Problems;
import org.convene.gateway.edge.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * Applies the configured rate-limit policies ({@code convene.gateway.rate-limit.policies}) to the
 * public writes they name, per client address. Beyond the limit the answer is 429 problem details
 * with {@code Retry-After}, and the request never reaches the service.
 */
public class RateLimitFilter implements GlobalFilter, Ordered {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private record Rule(String name, Policy policy, PathPattern path) {}

    private final List<Rule> rules;
    private final RateLimits limits;
    private final ClientAddress clients;

    public RateLimitFilter(EdgeProperties properties, RateLimits limits, ClientAddress clients) {
        this.limits = limits;
        this.clients = clients;
        this.rules = properties.rateLimit().policies().entrySet().stream()
                .map((Map.Entry<String, Policy> entry) -> new Rule(
                        entry.getKey(),
                        entry.getValue(),
                        PathPatternParser.defaultInstance.parse(entry.getValue().path())))
                .toList();
    }

    @Override
    public int getOrder() {
        return -100;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        var request = exchange.getRequest();
        var rule = rules.stream()
                .filter(candidate -> candidate.policy().method().equals(request.getMethod())
                        && candidate.path().matches(request.getPath().pathWithinApplication()))
                .findFirst();
        if (rule.isEmpty()) {
            return chain.filter(exchange);
        }
        var client = clients.of(exchange);
        if (client == null) {
            return chain.filter(exchange);
        }
        var applied = rule.get();
        return limits.take(applied.name(), applied.policy(), client).flatMap(decision -> {
            if (decision.allowed()) {
                return chain.filter(exchange);
            }
            long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
            try (var ignored = LogContext.of(exchange)) {
                log.info("Rate limit {} reached by a client; retry after {} s", applied.name(), seconds);
            }
            exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            return Problems.write(
                    exchange,
                    Problems.problem(
                            HttpStatus.TOO_MANY_REQUESTS,
                            "too-many-requests",
                            "Too many requests",
                            "Too many requests like this one came from your network. Please wait "
                                    + seconds
                                    + " seconds and try again.",
                            RequestIdFilter.of(exchange)));
        });
    }
}
