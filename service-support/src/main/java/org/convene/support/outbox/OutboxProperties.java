package org.convene.support.outbox;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay works (ADR 2). Writes wake it at once; the sweep, every {@code sweepInterval},
 * finds what a crash or a lost wake-up left behind. One instance holds a document for {@code lease}
 * while publishing it and renews the lease while it works, so a crashed instance's documents flow
 * again soon after. A send waits at most {@code sendTimeout}, which must be shorter than the lease.
 */
@Validated
@ConfigurationProperties("convene.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("6s") Duration lease,
        @DefaultValue("500") @Min(1) int sweepBatchSize,
        @DefaultValue("4s") Duration sendTimeout,
        @DefaultValue("16") @Min(1) int concurrency,
        @DefaultValue("5s") Duration storeTimeout) {

    public OutboxProperties {
        if (sendTimeout.compareTo(lease) >= 0) {
            throw new IllegalArgumentException("convene.outbox.send-timeout must be shorter than convene.outbox.lease");
        }
    }
}
