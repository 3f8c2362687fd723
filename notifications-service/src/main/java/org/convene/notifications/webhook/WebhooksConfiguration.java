package org.convene.notifications.webhook;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.webhook.domain.WebhookService;
import org.convene.notifications.webhook.messaging.WebhookFactsListener;
import org.convene.notifications.webhook.persistence.MongoWebhookDeliveries;
import org.convene.notifications.webhook.persistence.MongoWebhookEndpoints;
import org.convene.notifications.webhook.persistence.SentNewsletters;
import org.convene.notifications.webhook.sending.NewsletterSentFacts;
import org.convene.notifications.webhook.sending.WebhookHttp;
import org.convene.notifications.webhook.sending.WebhookSender;
import org.convene.notifications.webhook.sending.WebhookSendingHealthIndicator;
import org.convene.support.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Outgoing webhooks (issue 22, ADR 17): the API's service, the Kafka listener, the sender and its watch. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhooksProperties.class)
class WebhooksConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebhooksConfiguration.class);

    @Bean
    MongoWebhookEndpoints webhookEndpoints(ReactiveMongoTemplate mongo, WebhooksProperties properties) {
        return new MongoWebhookEndpoints(mongo, properties.maxEndpointsPerOrganisation());
    }

    @Bean
    MongoWebhookDeliveries webhookDeliveries(ReactiveMongoTemplate mongo) {
        return new MongoWebhookDeliveries(mongo);
    }

    @Bean(destroyMethod = "close")
    WebhookHttp webhookHttp(WebhooksProperties properties) {
        return new WebhookHttp(
                properties.allowPrivateNetwork(),
                properties.httpAllowedHosts(),
                properties.maxConnections(),
                properties.connectTimeout(),
                properties.readTimeout(),
                properties.callTimeout());
    }

    @Bean
    WebhookService webhookService(
            MongoWebhookEndpoints endpoints,
            MongoWebhookDeliveries deliveries,
            WebhookHttp http,
            Clock clock,
            WebhooksProperties properties) {
        return new WebhookService(
                endpoints,
                deliveries,
                http,
                clock,
                properties.maxEndpointsPerOrganisation(),
                properties.retryFor(),
                properties.previousSecretFor());
    }

    @Bean
    WebhookFactsListener webhookFactsListener(WebhookService webhooks, Events events) {
        return new WebhookFactsListener(webhooks, events);
    }

    /**
     * The webhook listener's own containers: values as text (parsed by the listener, tolerant of new fields),
     * and failures (the store away) retried with backoff for up to ten minutes before the record is logged
     * and passed, never dead-lettered a second time beside the email listeners' own dead letters.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, String> webhookFactsContainerFactory(
            ConsumerFactory<Object, Object> consumers, MeterRegistry meters) {
        var config = new HashMap<>(consumers.getConfigurationProperties());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        var factory = new ConcurrentKafkaListenerContainerFactory<String, String>();
        factory.setConsumerFactory(
                new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(), new StringDeserializer()));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(600_000);
        factory.setCommonErrorHandler(new DefaultErrorHandler(
                (record, failure) -> {
                    meters.counter("convene.webhooks.facts.skipped", "topic", record.topic())
                            .increment();
                    log.warn(
                            "Webhooks skipped the message at {}-{}@{} after retries: {}",
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            failure.getClass().getSimpleName());
                },
                backOff));
        return factory;
    }

    @Bean
    WebhookSender webhookSender(
            MongoWebhookDeliveries deliveries,
            MongoWebhookEndpoints endpoints,
            WebhookHttp http,
            Clock clock,
            WebhooksProperties properties,
            MeterRegistry meters) {
        return new WebhookSender(
                deliveries,
                endpoints,
                http,
                clock,
                new WebhookSender.Pacing(
                        properties.batchSize(),
                        properties.concurrency(),
                        properties.lease(),
                        properties.firstRetryAfter(),
                        properties.maxRetryAfter(),
                        properties.stallAfter()),
                meters);
    }

    @Bean
    PeriodicTask webhookSending(WebhookSender sender, WebhooksProperties properties) {
        return new PeriodicTask("Webhook sending", properties.sweepEvery(), properties.sweepEvery(), sender::round);
    }

    @Bean
    WebhookSendingHealthIndicator webhookSendingHealthIndicator(
            WebhookSender sender, Clock clock, WebhooksProperties properties) {
        return new WebhookSendingHealthIndicator(
                sender,
                clock,
                properties.stallAfter().plus(properties.sweepEvery()).plus(Duration.ofSeconds(30)));
    }

    @Bean
    PeriodicTask newsletterSentWebhooks(
            ReactiveMongoTemplate mongo, WebhookService webhooks, Clock clock, WebhooksProperties properties) {
        var facts = new NewsletterSentFacts(new SentNewsletters(mongo), webhooks, clock, Duration.ofDays(2));
        return new PeriodicTask(
                "Newsletter sent webhooks",
                properties.newsletterScanEvery(),
                properties.newsletterScanEvery(),
                facts::scan);
    }

    /** What waits, and for how long the oldest has: the stall alert's measures. */
    @Bean
    PeriodicTask webhookBacklogGauges(MongoWebhookDeliveries deliveries, MeterRegistry meters, Clock clock) {
        var pending = meters.gauge("convene.webhooks.pending", new AtomicLong());
        var oldest = meters.gauge("convene.webhooks.oldest.pending.age.seconds", new AtomicLong());
        return new PeriodicTask(
                "Webhook backlog gauges",
                Duration.ZERO,
                Duration.ofSeconds(15),
                () -> Mono.when(
                        deliveries.countPending().doOnNext(pending::set),
                        deliveries
                                .oldestPendingSince()
                                .map(since ->
                                        Duration.between(since, clock.instant()).toSeconds())
                                .defaultIfEmpty(0L)
                                .doOnNext(oldest::set)));
    }

    @EventListener(ApplicationReadyEvent.class)
    void indexes(ApplicationReadyEvent ready) {
        var mongo = ready.getApplicationContext().getBean(ReactiveMongoTemplate.class);
        Flux.concat(
                        mongo.indexOps("webhook_deliveries")
                                .createIndex(new Index()
                                        .on("_id", Sort.Direction.ASC)
                                        .on("lease", Sort.Direction.ASC)
                                        .unique()
                                        .named("id_lease")),
                        mongo.indexOps("webhook_deliveries")
                                .createIndex(new Index()
                                        .on("status", Sort.Direction.ASC)
                                        .on("nextAttemptAt", Sort.Direction.ASC)),
                        mongo.indexOps("webhook_deliveries")
                                .createIndex(new Index()
                                        .on("endpointId", Sort.Direction.ASC)
                                        .on("aggregateId", Sort.Direction.ASC)
                                        .on("status", Sort.Direction.ASC)),
                        mongo.indexOps("webhook_deliveries")
                                .createIndex(new Index()
                                        .on("endpointId", Sort.Direction.ASC)
                                        .on("createdAt", Sort.Direction.DESC)),
                        mongo.indexOps("webhook_endpoints")
                                .createIndex(new Index().on("organisationId", Sort.Direction.ASC)))
                .subscribe();
    }
}
