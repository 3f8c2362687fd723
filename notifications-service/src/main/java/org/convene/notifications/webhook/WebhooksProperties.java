package org.convene.notifications.webhook;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing webhooks (ADR 17). {@code allowPrivateNetwork}: whether endpoints may resolve to loopback,
 * private, link-local and other non-public addresses (false in production; the embedded default turns
 * it on for local receivers). {@code httpAllowedHosts}: hosts that may be called over plain http (none
 * by default: https only). At most {@code maxEndpointsPerOrganisation} endpoints each. A delivery is
 * retried from {@code firstRetryAfter}, doubling up to {@code maxRetryAfter}, for {@code retryFor}; a
 * rotated secret still signs for {@code previousSecretFor}. The sender looks for due deliveries every
 * {@code sweepEvery}, holds each by a lease of {@code lease} (longer than one call can take: {@code
 * connectTimeout} + {@code readTimeout}, within {@code callTimeout}), sends up to {@code concurrency} at
 * once over at most {@code maxConnections} pooled connections, and a round silent for {@code stallAfter}
 * is ended and counted.
 */
@ConfigurationProperties("convene.webhooks")
@Validated
public record WebhooksProperties(
        @DefaultValue("false") boolean allowPrivateNetwork,
        @DefaultValue Set<String> httpAllowedHosts,
        @DefaultValue("10") @Positive @Max(100) int maxEndpointsPerOrganisation,
        @DefaultValue("10s") Duration firstRetryAfter,
        @DefaultValue("6h") Duration maxRetryAfter,
        @DefaultValue("3d") Duration retryFor,
        @DefaultValue("24h") Duration previousSecretFor,
        @DefaultValue("1s") Duration sweepEvery,
        @DefaultValue("100") @Positive @Max(1000) int batchSize,
        @DefaultValue("8") @Positive @Max(64) int concurrency,
        @DefaultValue("50") @Positive @Max(1000) int maxConnections,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("10s") Duration readTimeout,
        @DefaultValue("30s") Duration callTimeout,
        @DefaultValue("3m") Duration stallAfter,
        @DefaultValue("1m") Duration newsletterScanEvery) {

    public WebhooksProperties {
        if (callTimeout.compareTo(lease) >= 0) {
            throw new IllegalArgumentException(
                    "convene.webhooks.call-timeout must be shorter than convene.webhooks.lease");
        }
    }
}
