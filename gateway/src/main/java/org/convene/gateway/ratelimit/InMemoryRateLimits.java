package org.convene.gateway.ratelimit;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import org.convene.gateway.edge.EdgeProperties.Policy;
import reactor.core.publisher.Mono;

/**
 * Buckets in this gateway's memory (bucket4j): right for one instance, and the fallback where no
 * Redis is configured. Full buckets are dropped when there are many, so memory stays bounded by the
 * clients seen within one period.
 */
public class InMemoryRateLimits implements RateLimits {

    static final int MAX_BUCKETS = 100_000;

    private final ConcurrentHashMap<String, Limited> buckets = new ConcurrentHashMap<>();

    private record Limited(Bucket bucket, long capacity) {}

    @Override
    public Mono<Decision> take(String policyName, Policy policy, String key) {
        return Mono.fromSupplier(() -> {
            if (buckets.size() >= MAX_BUCKETS) {
                buckets.values().removeIf(limited -> limited.bucket().getAvailableTokens() >= limited.capacity());
            }
            var limited = buckets.computeIfAbsent(
                    policyName + "|" + key,
                    ignored -> new Limited(
                            Bucket.builder()
                                    .addLimit(limit -> limit.capacity(policy.limit())
                                            .refillGreedy(policy.limit(), policy.period()))
                                    .build(),
                            policy.limit()));
            var probe = limited.bucket().tryConsumeAndReturnRemaining(1);
            return probe.isConsumed()
                    ? Decision.allow()
                    : Decision.deny(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        });
    }
}
