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
 * SMTP connections each carrying {@code newsletter.batchSize} messages. Deliveries and registrants of
 * an event are removed {@code retention} after it ended, looked for every {@code retentionScanEvery}.
 */
@ConfigurationProperties("convene.notifications")
@Validated
public record NotificationsProperties(
        @DefaultValue @Valid Sending sending,
        @DefaultValue("24h") Duration reminderLead,
        @DefaultValue("1m") Duration reminderScanEvery,
        @DefaultValue("15s") Duration gaugesEvery,
        @DefaultValue("30d") Duration retention,
        @DefaultValue("1h") Duration retentionScanEvery,
        @DefaultValue @Valid Newsletter newsletter) {

    /**
     * The transactional senders: {@code workers} senders per instance, each claiming up to
     * {@code batchSize} deliveries by a lease of {@code lease} and sending them over one SMTP
     * connection. A queued delivery wakes a sender at once; {@code sweepEvery} finds what a crash
     * or a retry left. A sender starts no send with less than {@code worstSingleSend} left on its
     * lease (the SMTP time-outs bound one send). A round that has not signalled progress for
     * {@code stallAfter} is ended by the watchdog, logged, counted and shown in health. Each instance
     * writes a heartbeat every {@code heartbeatEvery}; what an instance silent for {@code
     * presumedDeadAfter} held is taken over by the others without waiting for its lease to end.
     */
    public record Sending(
            @DefaultValue("4") @Positive @Max(32) int workers,
            @DefaultValue("10") @Positive @Max(200) int batchSize,
            @DefaultValue("5s") Duration sweepEvery,
            @DefaultValue("3m") Duration lease,
            @DefaultValue("80s") Duration worstSingleSend,
            @DefaultValue("2m") Duration stallAfter,
            @DefaultValue("2s") Duration heartbeatEvery,
            @DefaultValue("10s") Duration presumedDeadAfter) {

        public Sending {
            if (worstSingleSend.compareTo(lease) >= 0) {
                throw new IllegalArgumentException("sending.worst-single-send must be shorter than sending.lease");
            }
            if (presumedDeadAfter.compareTo(heartbeatEvery.multipliedBy(3)) < 0) {
                throw new IllegalArgumentException(
                        "sending.presumed-dead-after must be at least three times sending.heartbeat-every");
            }
        }
    }

    public record Newsletter(
            @DefaultValue("50") @Positive @Max(10_000) int ratePerSecond,
            @DefaultValue("4") @Positive @Max(32) int connections,
            @DefaultValue("25") @Positive @Max(500) int batchSize,
            @DefaultValue("500ms") Duration dispatchEvery,
            @DefaultValue("1h") Duration confirmationResendAfter) {}
}
