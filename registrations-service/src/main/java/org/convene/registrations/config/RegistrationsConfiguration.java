package org.convene.registrations.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.convene.contracts.Topics;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.registrations.registration.domain.HoldReleases;
import org.convene.registrations.registration.domain.ManageTokens;
import org.convene.registrations.registration.domain.Reconciliation;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.Registrations;
import org.convene.registrations.registration.domain.SeatLedgers;
import org.convene.registrations.registration.persistence.LedgerMetrics;
import org.convene.registrations.registration.persistence.RetentionSchedule;
import org.convene.registrations.support.domain.SupportDigestStore;
import org.convene.registrations.support.domain.SupportDigests;
import org.convene.registrations.support.domain.SupportPlanService;
import org.convene.support.PeriodicTask;
import org.convene.support.outbox.OutboxProperties;
import org.convene.support.outbox.OutboxRelay;
import org.convene.support.outbox.OutboxWakeUps;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class RegistrationsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * The secret behind manage links. Every instance must share it (./convene run passes one, kept in its
     * data folder): without one, a random secret is used, and a retried request answered by another
     * instance, or after a restart, gets a link whose token no registration has (the link is a 404).
     */
    @Bean
    ManageTokens manageTokens(@Value("${convene.registrations.manage-token-secret:}") String secret) {
        if (secret.isBlank()) {
            LoggerFactory.getLogger(RegistrationsConfiguration.class)
                    .warn("CONVENE_MANAGE_TOKEN_SECRET is not set: using a random secret for this run");
            var random = new byte[32];
            new SecureRandom().nextBytes(random);
            return new ManageTokens(random);
        }
        return new ManageTokens(secret.getBytes(StandardCharsets.UTF_8));
    }

    @Bean
    RegistrationService registrationService(
            Registrations registrations, SeatLedgers ledgers, ManageTokens tokens, Clock clock, MeterRegistry meters) {
        return new RegistrationService(registrations, ledgers, tokens, clock, meters);
    }

    @Bean
    Reconciliation reconciliation(
            Registrations registrations,
            SeatLedgers ledgers,
            RegistrationService service,
            Clock clock,
            @Value("${convene.registrations.reconcile-after:30s}") Duration staleAfter) {
        return new Reconciliation(registrations, ledgers, service, clock, staleAfter);
    }

    /** Repairs what a crash between steps left behind, at start and then every so often (ADR 6). */
    @Bean
    PeriodicTask reconciliationTask(
            Reconciliation reconciliation, @Value("${convene.registrations.reconcile-every:15s}") Duration every) {
        return new PeriodicTask("Reconciliation", Duration.ZERO, every, reconciliation::run);
    }

    @Bean
    SupportPlanService supportPlanService(
            Registrations registrations,
            RegistrationService service,
            SeatLedgers ledgers,
            org.convene.registrations.support.domain.SupportPlans plans,
            Clock clock) {
        return new SupportPlanService(registrations, service, ledgers, plans, clock);
    }

    @Bean
    HoldReleases holdReleases(SeatLedgers ledgers, RegistrationService service, Clock clock) {
        return new HoldReleases(ledgers, service, clock);
    }

    /** Serves the queue when places held for an invitation return to general sale (ADR 13). */
    @Bean
    PeriodicTask holdReleasesTask(
            HoldReleases releases, @Value("${convene.registrations.hold-releases-every:10s}") Duration every) {
        return new PeriodicTask("Hold releases", Duration.ofSeconds(2), every, releases::run);
    }

    /** Support needs not arranged yet, per event still to come (issue 19). */
    @Bean
    PeriodicTask supportGaugesTask(
            org.convene.registrations.support.persistence.SupportGauges gauges,
            @Value("${convene.registrations.support-gauges-every:5m}") Duration every) {
        return new PeriodicTask("Support gauges", Duration.ofSeconds(20), every, gauges::refresh);
    }

    /**
     * The daily digest of support still to arrange, per organisation (issue 19): from {@code support-digest-hour}
     * of each day in {@code support-digest-zone} (UTC by default), at most once per organisation and day.
     */
    @Bean
    SupportDigests supportDigests(
            SupportDigestStore store,
            SupportPlanService plans,
            Clock clock,
            @Value("${convene.registrations.support-digest-zone:UTC}") ZoneId zone,
            @Value("${convene.registrations.support-digest-hour:8}") int hour,
            @Value("${convene.registrations.support-digest-look-ahead:7d}") Duration lookAhead,
            MeterRegistry meters) {
        return new SupportDigests(store, plans, clock, zone, hour, lookAhead, meters);
    }

    /** Looks every so often whether a day's digests are due: a round after the hour finds who has none yet. */
    @Bean
    PeriodicTask supportDigestsTask(
            SupportDigests digests, @Value("${convene.registrations.support-digest-every:15m}") Duration every) {
        return new PeriodicTask("Support digests", Duration.ofSeconds(30), every, digests::run);
    }

    @Bean
    PeriodicTask retentionTask(
            RetentionSchedule retention, @Value("${convene.registrations.retention-every:1h}") Duration every) {
        return new PeriodicTask("Retention", Duration.ofSeconds(5), every, retention::run);
    }

    @Bean
    PeriodicTask ledgerMetricsTask(
            LedgerMetrics metrics, @Value("${convene.registrations.metrics-every:15s}") Duration every) {
        return new PeriodicTask("Seat gauges", Duration.ZERO, every, metrics::refresh);
    }

    /** Publishes each organisation's daily support digest on convene.support.v1, keyed by organisation id. */
    @Bean
    OutboxRelay<SupportDigestMessage> supportDigestOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, SupportDigestMessage> kafka,
            OutboxWakeUps wakeUps,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "support_digests",
                Topics.SUPPORT,
                SupportDigestMessage.class,
                SupportDigestMessage::messageId,
                SupportDigestMessage::organisationId,
                properties,
                clock,
                meters);
    }

    /** Announces registrations' changes on convene.registrations.v1, keyed by event id. */
    @Bean
    OutboxRelay<RegistrationMessage> registrationOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, RegistrationMessage> kafka,
            OutboxWakeUps wakeUps,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "registrations",
                Topics.REGISTRATIONS,
                RegistrationMessage.class,
                RegistrationMessage::messageId,
                RegistrationMessage::eventId,
                properties,
                clock,
                meters);
    }
}
