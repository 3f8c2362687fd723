package org.convene.notifications.webhook.sending;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.convene.notifications.webhook.domain.WebhookDelivery;
import org.convene.notifications.webhook.domain.WebhookEndpoint;
import org.convene.notifications.webhook.domain.WebhookSignatures;
import org.convene.notifications.webhook.persistence.MongoWebhookDeliveries;
import org.convene.notifications.webhook.persistence.MongoWebhookEndpoints;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Sends what is due (ADR 17): one round looks for pending deliveries whose time has come, skips each one
 * that waits for an earlier one about the same thing to the same endpoint, claims the rest by lease (so
 * several instances never send one delivery at once), signs and posts each, and records the answer: 2xx
 * delivered; 410 Gone disables the endpoint and fails what waits for it; anything else is tried again
 * after a doubling delay until its retry period ends, then failed (visible, sendable again). Logs name
 * deliveries and endpoints by id only.
 *
 * <p>A round is bounded by {@code stallAfter}: one that takes longer is ended and counted
 * ({@code convene.webhooks.rounds.stalled}); what it held is sent again once its lease ends.
 */
public final class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    public record Pacing(
            int batchSize,
            int concurrency,
            Duration lease,
            Duration firstRetryAfter,
            Duration maxRetryAfter,
            Duration stallAfter) {}

    private final MongoWebhookDeliveries deliveries;
    private final MongoWebhookEndpoints endpoints;
    private final WebhookHttp http;
    private final Clock clock;
    private final Pacing pacing;
    private final MeterRegistry meters;
    private final Counter stalled;
    private final AtomicLong lastCompletedAt = new AtomicLong();

    public WebhookSender(
            MongoWebhookDeliveries deliveries,
            MongoWebhookEndpoints endpoints,
            WebhookHttp http,
            Clock clock,
            Pacing pacing,
            MeterRegistry meters) {
        this.deliveries = deliveries;
        this.endpoints = endpoints;
        this.http = http;
        this.clock = clock;
        this.pacing = pacing;
        this.meters = meters;
        this.stalled = Counter.builder("convene.webhooks.rounds.stalled")
                .description("Webhook sending rounds ended by the time limit")
                .register(meters);
        lastCompletedAt.set(clock.millis());
        Gauge.builder("convene.webhooks.round.last.completed", lastCompletedAt, last -> last.get() / 1000.0)
                .description("When a webhook sending round last completed (epoch seconds)")
                .baseUnit("seconds")
                .register(meters);
    }

    public Mono<Void> round() {
        var now = clock.instant();
        return deliveries
                .due(now, pacing.batchSize())
                .concatMap(due -> deliveries
                        .waitsForAnEarlierOne(due)
                        .filter(waits -> !waits)
                        .map(ready -> due))
                .flatMap(this::claimAndSend, pacing.concurrency())
                .then()
                .timeout(pacing.stallAfter())
                .doOnSuccess(done -> lastCompletedAt.set(clock.millis()))
                .onErrorResume(TimeoutException.class, e -> {
                    stalled.increment();
                    log.warn(
                            "A webhook sending round took longer than {}; ended, its deliveries go again after their lease",
                            pacing.stallAfter());
                    return Mono.empty();
                });
    }

    /** Since when no round has completed: the health indicator's measure. */
    public Instant lastCompletedAt() {
        return Instant.ofEpochMilli(lastCompletedAt.get());
    }

    private Mono<Void> claimAndSend(WebhookDelivery due) {
        var now = clock.instant();
        var lease = UUID.randomUUID().toString();
        return deliveries
                .claim(due, lease, now, now.plus(pacing.lease()))
                .flatMap(held -> endpoints
                        .findById(held.endpointId())
                        .flatMap(endpoint -> send(held, endpoint, lease))
                        .switchIfEmpty(Mono.defer(() -> deliveries
                                .failed(held.id(), lease, null, "endpoint-removed")
                                .doOnNext(recorded -> count("failed"))
                                .then())));
    }

    private Mono<Void> send(WebhookDelivery delivery, WebhookEndpoint endpoint, String lease) {
        if (!endpoint.enabled()) {
            return deliveries
                    .failed(delivery.id(), lease, null, "endpoint-disabled")
                    .doOnNext(x -> count("failed"))
                    .then();
        }
        var timestamp = clock.instant().getEpochSecond();
        var headers = new LinkedHashMap<String, String>();
        headers.put("webhook-id", delivery.id());
        headers.put("webhook-timestamp", Long.toString(timestamp));
        headers.put(
                "webhook-signature",
                WebhookSignatures.header(
                        endpoint.signingSecrets(clock.instant()), delivery.id(), timestamp, delivery.body()));
        headers.put("User-Agent", "Convene-Webhooks/1");
        return http.post(endpoint.url(), headers, delivery.body())
                .flatMap(answer -> record(delivery, endpoint, lease, answer));
    }

    private Mono<Void> record(
            WebhookDelivery delivery, WebhookEndpoint endpoint, String lease, WebhookHttp.Answer answer) {
        var now = clock.instant();
        var status = answer.status();
        if (status != null && status >= 200 && status < 300) {
            return deliveries
                    .delivered(delivery.id(), lease, status, now)
                    .doOnNext(held -> count(held ? "delivered" : "lease-lost"))
                    .then();
        }
        if (status != null && status == 410) {
            log.info("Webhook endpoint {} answered 410 Gone; disabled", endpoint.id());
            count("gone");
            return deliveries
                    .failed(delivery.id(), lease, status, "gone")
                    .then(endpoints.disable(endpoint.id(), WebhookEndpoint.DISABLED_GONE, now))
                    .then(deliveries.failPendingOf(endpoint.id(), "endpoint-disabled"))
                    .then();
        }
        var error = status == null ? answer.error() : "http";
        var next = now.plus(backoff(delivery.attempts() + 1));
        if (delivery.retryUntil() != null && next.isAfter(delivery.retryUntil())) {
            log.info(
                    "Webhook delivery {} to endpoint {} failed after {} attempts ({})",
                    delivery.id(),
                    endpoint.id(),
                    delivery.attempts() + 1,
                    error);
            return deliveries
                    .failed(delivery.id(), lease, status, error)
                    .doOnNext(x -> count("failed"))
                    .then();
        }
        return deliveries
                .retryLater(delivery.id(), lease, status, error, next)
                .doOnNext(x -> count("retry"))
                .then();
    }

    /** Doubling from the first delay, capped, with up to a tenth more at random so retries spread out. */
    Duration backoff(int attempts) {
        var first = pacing.firstRetryAfter().toMillis();
        var cap = pacing.maxRetryAfter().toMillis();
        var delay = first << Math.min(attempts - 1, 30);
        if (delay <= 0 || delay > cap) {
            delay = cap;
        }
        return Duration.ofMillis(delay + (long) (Math.random() * delay / 10));
    }

    private void count(String outcome) {
        meters.counter("convene.webhooks.deliveries", "outcome", outcome).increment();
    }
}
