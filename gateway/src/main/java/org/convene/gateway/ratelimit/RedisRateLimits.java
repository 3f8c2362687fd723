package org.convene.gateway.ratelimit;

import java.time.Duration;
import org.convene.gateway.edge.EdgeProperties.Policy;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * Buckets in Redis, shared by every gateway instance, through the gateway's own
 * {@link RedisRateLimiter} (its atomic token-bucket script). Its rate is whole tokens per second, so
 * "limit requests per period" is expressed as: each request costs period-in-seconds tokens, the
 * bucket refills limit tokens a second and holds limit x period tokens. If Redis cannot be reached,
 * the gateway's limiter lets requests through rather than refusing everyone.
 */
public class RedisRateLimits implements RateLimits {

    private final RedisRateLimiter limiter;

    public RedisRateLimits(RedisRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public Mono<Decision> take(String policyName, Policy policy, String key) {
        long seconds = Math.max(1, policy.period().toSeconds());
        limiter.getConfig()
                .computeIfAbsent(
                        policyName,
                        ignored -> new RedisRateLimiter.Config()
                                .setReplenishRate(policy.limit())
                                .setBurstCapacity(policy.limit() * seconds)
                                .setRequestedTokens((int) seconds));
        return limiter.isAllowed(policyName, policyName + ":" + key)
                .map(response -> response.isAllowed()
                        ? Decision.allow()
                        // Tokens for one request come back after period / limit.
                        : Decision.deny(Duration.ofMillis((seconds * 1000 + policy.limit() - 1) / policy.limit())));
    }
}
