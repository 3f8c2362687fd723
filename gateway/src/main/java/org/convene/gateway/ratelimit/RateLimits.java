package org.convene.gateway.ratelimit;

import java.time.Duration;
import org.convene.gateway.edge.EdgeProperties.Policy;
import reactor.core.publisher.Mono;

/** Token buckets per policy and client address: in memory (one gateway) or in Redis (all of them). */
public interface RateLimits {

    /** Takes one request from the bucket of {@code key} under {@code policy}. */
    Mono<Decision> take(String policyName, Policy policy, String key);

    record Decision(boolean allowed, Duration retryAfter) {

        static Decision allow() {
            return new Decision(true, Duration.ZERO);
        }

        static Decision deny(Duration retryAfter) {
            return new Decision(false, retryAfter);
        }
    }
}
