package org.convene.notifications.delivery.sending;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * {@code emailSending} in health: down while the senders are stalled (a round reporting nothing
 * for the stall time, the watchdog having ended one with none completed since, or no round
 * completed for longer than a sweep and the stall time), so it shows on dashboards and alerts.
 */
public class EmailSendingHealthIndicator extends AbstractHealthIndicator {

    private final SendingLoop loop;

    public EmailSendingHealthIndicator(SendingLoop loop) {
        super("Email sending health check failed");
        this.loop = loop;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var health = loop.health();
        builder.withDetail("stalledRounds", health.stalledRounds())
                .withDetail("lastRoundCompletedAt", health.lastCompletedAt().toString());
        if (health.stalled()) {
            builder.down().withDetail("stalled", java.util.Objects.requireNonNullElse(health.reason(), "stalled"));
        } else {
            builder.up();
        }
    }
}
