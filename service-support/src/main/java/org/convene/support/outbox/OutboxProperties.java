package org.convene.support.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the outbox relay works: how often it looks for unpublished messages, how long one instance
 * holds an event while publishing it, and how many events it takes per round.
 */
@Validated
@ConfigurationProperties("convene.outbox")
public record OutboxProperties(
        @DefaultValue("200ms") Duration pollInterval,
        @DefaultValue("30s") Duration lease,

        @DefaultValue("50") @jakarta.validation.constraints.Min(1)
        int batchSize,

        @DefaultValue("10s") Duration sendTimeout) {}
