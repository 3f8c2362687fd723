package org.convene.notifications.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications-service paces its work. Reminders go {@code reminderLead} before an event;
 * newsletters go out at {@code newsletter.ratePerSecond}, over {@code newsletter.connections}
 * SMTP connections each carrying {@code newsletter.batchSize} messages.
 */
@ConfigurationProperties("convene.notifications")
@Validated
public record NotificationsProperties(
        @DefaultValue("250ms") Duration sendEvery,
        @DefaultValue("24h") Duration reminderLead,
        @DefaultValue("1m") Duration reminderScanEvery,
        @DefaultValue("15s") Duration gaugesEvery,
        @DefaultValue @Valid Newsletter newsletter) {

    public record Newsletter(
            @DefaultValue("50") @Positive @Max(10_000) int ratePerSecond,
            @DefaultValue("4") @Positive @Max(32) int connections,
            @DefaultValue("25") @Positive @Max(500) int batchSize,
            @DefaultValue("500ms") Duration dispatchEvery,
            @DefaultValue("1h") Duration confirmationResendAfter) {}
}
