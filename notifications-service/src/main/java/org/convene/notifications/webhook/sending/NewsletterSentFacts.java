package org.convene.notifications.webhook.sending;

import java.time.Clock;
import java.time.Duration;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.webhook.domain.WebhookEventTypes;
import org.convene.notifications.webhook.domain.WebhookFact;
import org.convene.notifications.webhook.domain.WebhookService;
import org.convene.notifications.webhook.persistence.SentNewsletters;
import reactor.core.publisher.Mono;

/**
 * {@code newsletter.sent}: newsletters are sent inside this service, not announced on Kafka, so a scan
 * finds those finished within {@code lookBack} for organisations with an endpoint that wants them. The
 * delivery's id comes from the endpoint and the newsletter, so scanning one again adds nothing.
 */
public final class NewsletterSentFacts {

    private final SentNewsletters newsletters;
    private final WebhookService webhooks;
    private final Clock clock;
    private final Duration lookBack;

    public NewsletterSentFacts(SentNewsletters newsletters, WebhookService webhooks, Clock clock, Duration lookBack) {
        this.newsletters = newsletters;
        this.webhooks = webhooks;
        this.clock = clock;
        this.lookBack = lookBack;
    }

    public Mono<Void> scan() {
        var since = clock.instant().minus(lookBack);
        return newsletters
                .organisationsWanting(WebhookEventTypes.NEWSLETTER_SENT)
                .concatMap(organisation -> newsletters.of(organisation, since))
                .concatMap(newsletter -> webhooks.fanOut(fact(newsletter)))
                .then();
    }

    private static WebhookFact fact(Newsletter newsletter) {
        // The scan reads only newsletters finished since the look-back, so each has its finishing time.
        var finishedAt = java.util.Objects.requireNonNull(newsletter.finishedAt(), "finishedAt");
        var data = new java.util.LinkedHashMap<String, Object>();
        data.put("newsletterId", newsletter.id());
        data.put("subject", newsletter.subject());
        data.put(
                "topics",
                newsletter.topics() == null
                        ? java.util.List.of()
                        : newsletter.topics().stream().sorted().toList());
        data.put("recipients", newsletter.recipients());
        data.put(
                "startedAt",
                newsletter.startedAt() == null ? null : newsletter.startedAt().toString());
        data.put("finishedAt", finishedAt.toString());
        return new WebhookFact(
                "newsletter-sent:" + newsletter.id(),
                WebhookEventTypes.NEWSLETTER_SENT,
                finishedAt,
                newsletter.organisationId(),
                "newsletter:" + newsletter.id(),
                0,
                data,
                java.util.Map.of());
    }
}
