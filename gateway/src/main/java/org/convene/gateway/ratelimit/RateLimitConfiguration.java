package org.convene.gateway.ratelimit;

import org.convene.gateway.edge.EdgeProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** In-memory limits unless {@code convene.gateway.rate-limit.store=redis}. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    @Bean
    @ConditionalOnProperty(name = "convene.gateway.rate-limit.store", havingValue = "redis")
    RateLimits redisRateLimits(RedisRateLimiter limiter) {
        return new RedisRateLimits(limiter);
    }

    @Bean
    @ConditionalOnProperty(name = "convene.gateway.rate-limit.store", havingValue = "memory", matchIfMissing = true)
    RateLimits inMemoryRateLimits() {
        return new InMemoryRateLimits();
    }

    @Bean
    RateLimitFilter rateLimitFilter(EdgeProperties properties, RateLimits limits, ClientAddress clients) {
        return new RateLimitFilter(properties, limits, clients);
    }
}
