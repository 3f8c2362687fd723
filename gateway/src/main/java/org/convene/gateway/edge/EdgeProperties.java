package org.convene.gateway.edge;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.http.HttpMethod;
import org.springframework.util.unit.DataSize;

/**
 * How the gateway protects the services and itself ({@code convene.gateway.*}, each with a
 * {@code CONVENE_GATEWAY_*} variable in application.yml): time limits and circuit breakers per route,
 * body size, CORS origins, trusted proxies and rate limits.
 */
@ConfigurationProperties("convene.gateway")
public record EdgeProperties(
        @DefaultValue Map<String, Duration> timeouts,
        @DefaultValue("10s") Duration defaultTimeout,
        @DefaultValue CircuitBreaker circuitBreaker,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue List<String> corsOrigins,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue RateLimit rateLimit) {

    public Duration timeout(String routeId) {
        return timeouts.getOrDefault(routeId, defaultTimeout);
    }

    public record CircuitBreaker(
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("20") int slidingWindow,
            @DefaultValue("10") int minimumCalls,
            @DefaultValue("10s") Duration openFor) {}

    public enum Store {
        MEMORY,
        REDIS
    }

    public record RateLimit(
            @DefaultValue("memory") Store store,
            @DefaultValue Map<String, Policy> policies) {}

    /** At most {@code limit} requests per {@code period} from one client address, as a token bucket. */
    public record Policy(HttpMethod method, String path, int limit, Duration period) {}
}
