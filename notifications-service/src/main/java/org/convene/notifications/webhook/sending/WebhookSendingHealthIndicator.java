package org.convene.notifications.webhook.sending;

import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/** {@code webhookSending} in health: down when no sending round has completed for the stall limit and a sweep. */
public class WebhookSendingHealthIndicator extends AbstractHealthIndicator {

    private final WebhookSender sender;
    private final Clock clock;
    private final Duration silentLimit;

    public WebhookSendingHealthIndicator(WebhookSender sender, Clock clock, Duration silentLimit) {
        super("Webhook sending health check failed");
        this.sender = sender;
        this.clock = clock;
        this.silentLimit = silentLimit;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var last = sender.lastCompletedAt();
        builder.withDetail("lastRoundCompletedAt", last.toString());
        if (last.plus(silentLimit).isBefore(clock.instant())) {
            builder.down().withDetail("stalled", "no round completed for " + silentLimit);
        } else {
            builder.up();
        }
    }
}
