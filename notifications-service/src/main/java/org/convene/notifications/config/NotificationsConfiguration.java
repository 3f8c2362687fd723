package org.convene.notifications.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.convene.notifications.delivery.domain.DeliveryQueue;
import org.convene.notifications.delivery.domain.DeliveryStatus;
import org.convene.notifications.delivery.domain.ManagePageLinks;
import org.convene.notifications.delivery.domain.RescheduledEmails;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.DeliveryArrivals;
import org.convene.notifications.delivery.persistence.DeliveryRetention;
import org.convene.notifications.delivery.persistence.LiveSenders;
import org.convene.notifications.delivery.sending.DeliverySender;
import org.convene.notifications.delivery.sending.EmailSendingHealthIndicator;
import org.convene.notifications.delivery.sending.SendingLoop;
import org.convene.notifications.newsletter.domain.NewsletterService;
import org.convene.notifications.newsletter.domain.NewsletterTestSends;
import org.convene.notifications.newsletter.domain.Newsletters;
import org.convene.notifications.newsletter.persistence.NewsletterDeliveries;
import org.convene.notifications.newsletter.sending.NewsletterDispatcher;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.notifications.registrant.domain.Registrants;
import org.convene.notifications.reminder.Reminders;
import org.convene.notifications.subscription.domain.NewsletterOwners;
import org.convene.notifications.subscription.domain.SubscriberHistory;
import org.convene.notifications.subscription.domain.Subscribers;
import org.convene.notifications.subscription.domain.SubscriptionEmails;
import org.convene.notifications.subscription.domain.SubscriptionService;
import org.convene.support.PeriodicTask;
import org.convene.support.web.ManageLinks;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NotificationsProperties.class)
class NotificationsConfiguration {

    /** The newsletter pages speak the subscriber's language (issue 21); see {@link PageLocales}. */
    @Bean(org.springframework.web.server.adapter.WebHttpHandlerBuilder.LOCALE_CONTEXT_RESOLVER_BEAN_NAME)
    org.springframework.web.server.i18n.LocaleContextResolver localeContextResolver() {
        return new org.convene.notifications.subscription.web.PageLocales();
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Subscribers may join the list of any organisation known here. */
    @Bean
    NewsletterOwners newsletterOwners(Organisations organisations) {
        return organisationId -> organisations.exists(new OrganisationId(organisationId));
    }

    /** The same manage link registrations-service gives in its answer to registering. */
    @Bean
    ManagePageLinks managePageLinks(@Value("${convene.public-base-url}") String publicBaseUrl) {
        return new ManageLinks(publicBaseUrl)::forTokenIfAny;
    }

    @Bean
    RescheduledEmails rescheduledEmails(Registrants registrants, DeliveryQueue queue, Clock clock) {
        return new RescheduledEmails(registrants, queue, clock);
    }

    @Bean
    SubscriptionService subscriptionService(
            Subscribers subscribers,
            NewsletterOwners owners,
            SubscriptionEmails emails,
            SubscriberHistory history,
            Clock clock,
            NotificationsProperties properties) {
        return new SubscriptionService(
                subscribers,
                owners,
                emails,
                history,
                clock,
                properties.newsletter().confirmationResendAfter());
    }

    @Bean
    NewsletterService newsletterService(Newsletters newsletters, NewsletterTestSends tests, Clock clock) {
        return new NewsletterService(newsletters, tests, clock);
    }

    /**
     * Sends what is due: woken by every queued delivery, swept now and then for what a crash or a
     * back-off left, watched by a watchdog; several instances share the work through leases.
     */
    @Bean
    SendingLoop emailSending(
            DeliverySender sender,
            DeliveryArrivals arrivals,
            NotificationsProperties properties,
            Clock clock,
            MeterRegistry meters) {
        var sending = properties.sending();
        var loop = new SendingLoop(
                "Email sending",
                sending.workers(),
                sending.sweepEvery(),
                sending.stallAfter(),
                sender::round,
                clock,
                meters);
        arrivals.onArrival(loop::wake);
        return loop;
    }

    @Bean
    EmailSendingHealthIndicator emailSendingHealthIndicator(SendingLoop emailSending) {
        return new EmailSendingHealthIndicator(emailSending);
    }

    @Bean
    LiveSenders liveSenders(
            org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo,
            java.time.Clock clock,
            NotificationsProperties properties) {
        var sending = properties.sending();
        return new LiveSenders(mongo, clock, sending.presumedDeadAfter(), sending.lease());
    }

    /** Before the senders start, so this instance is known alive before it claims anything. */
    @Bean
    PeriodicTask senderHeartbeat(LiveSenders senders, NotificationsProperties properties) {
        return new PeriodicTask(
                "Sender heartbeat", Duration.ZERO, properties.sending().heartbeatEvery(), senders::heartbeat);
    }

    @Bean
    PeriodicTask reminderQueueing(Reminders reminders, NotificationsProperties properties) {
        return new PeriodicTask(
                "Reminders", Duration.ofSeconds(1), properties.reminderScanEvery(), reminders::queueDue);
    }

    @Bean
    PeriodicTask newsletterSending(NewsletterDispatcher dispatcher, NotificationsProperties properties) {
        var every = properties.newsletter().dispatchEvery();
        return new PeriodicTask("Newsletter sending", every, every, dispatcher::dispatchDue);
    }

    @Bean
    DeliveryRetention deliveryRetention(
            org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo,
            java.time.Clock clock,
            NotificationsProperties properties) {
        return new DeliveryRetention(mongo, clock, properties.retention());
    }

    @Bean
    PeriodicTask deliveryRetentionSchedule(DeliveryRetention retention, NotificationsProperties properties) {
        return new PeriodicTask(
                "Delivery retention", Duration.ofMinutes(1), properties.retentionScanEvery(), retention::run);
    }

    /** What waits to be sent, for dashboards and the backlog alert; counted now and then, not per scrape. */
    @Bean
    PeriodicTask emailBacklogGauges(
            Deliveries deliveries,
            NewsletterDeliveries newsletterDeliveries,
            MeterRegistry meters,
            NotificationsProperties properties) {
        var emails = meters.gauge("convene.emails.pending", new AtomicLong());
        var failed = meters.gauge("convene.emails.failed.stored", new AtomicLong());
        var newsletter = meters.gauge("convene.newsletter.emails.pending", new AtomicLong());
        return new PeriodicTask(
                "Email backlog gauges",
                Duration.ZERO,
                properties.gaugesEvery(),
                () -> Mono.when(
                        deliveries.count(DeliveryStatus.PENDING).doOnNext(emails::set),
                        deliveries.count(DeliveryStatus.FAILED).doOnNext(failed::set),
                        newsletterDeliveries.pendingOverall().doOnNext(newsletter::set)));
    }
}
