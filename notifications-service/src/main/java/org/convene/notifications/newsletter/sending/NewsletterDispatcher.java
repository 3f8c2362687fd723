package org.convene.notifications.newsletter.sending;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.convene.notifications.config.NotificationsProperties;
import org.convene.notifications.mail.RetryPolicy;
import org.convene.notifications.mail.SendingRate;
import org.convene.notifications.mail.SmtpFailures;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterDeliveryStatus;
import org.convene.notifications.newsletter.domain.NewsletterStatus;
import org.convene.notifications.newsletter.persistence.MongoNewsletters;
import org.convene.notifications.newsletter.persistence.NewsletterDeliveries;
import org.convene.notifications.newsletter.persistence.NewsletterDelivery;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.Subscribers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends newsletters that are due (invariants 3 and 4, docs/invariants.md). A round holds one newsletter by a lease;
 * first it plans — one delivery per confirmed subscriber of its topics, keyed by the pair, so a
 * repeat after a crash adds nobody twice and skips nobody — then it sends what is pending in
 * batches, each batch over one SMTP connection, at the configured rate. Whether the subscriber is
 * still confirmed is checked at the moment of sending: who left in the meantime is skipped.
 * Several instances share the work through the leases.
 */
@Component
public class NewsletterDispatcher {

    private static final Logger log = LoggerFactory.getLogger(NewsletterDispatcher.class);
    private static final Duration LEASE = Duration.ofSeconds(60);
    /**
     * How long one round keeps one newsletter before letting the next due one have a turn; rounds start
     * every dispatch interval, so a short round leaves the connections idle between rounds.
     */
    private static final Duration ROUND = Duration.ofSeconds(20);

    /** Deliveries planned in one write: 20,000 took 18 s one by one, about 2 s this way. */
    private static final int PLANNED_PER_WRITE = 1_000;

    /**
     * Each claim takes enough for many batches per connection: a claim searches the newsletter's
     * deliveries once (on the embedded store, document by document until it has found enough), and
     * every connection waits at the end of a claim for the slowest; fewer, larger claims spread both.
     * Never more than {@link #SECONDS_PER_CLAIM} seconds of sending at the configured rate, well inside
     * the lease: 500 at the default 50/s, 4,000 when the rate allows it.
     */
    private static final int BATCHES_PER_CONNECTION_PER_CLAIM = 40;

    private static final int SECONDS_PER_CLAIM = 10;

    private final MongoNewsletters newsletters;
    private final NewsletterDeliveries deliveries;
    private final Subscribers subscribers;
    private final Organisations organisations;
    private final NewsletterEmails emails;
    private final JavaMailSender mail;
    private final Clock clock;
    private final MeterRegistry meters;
    private final NotificationsProperties.Newsletter settings;
    private final SendingRate rate;
    private final Scheduler smtp;
    private final Scheduler composing;
    private final String owner = UUID.randomUUID().toString();
    private volatile boolean stopping;

    public NewsletterDispatcher(
            MongoNewsletters newsletters,
            NewsletterDeliveries deliveries,
            Subscribers subscribers,
            Organisations organisations,
            NewsletterEmails emails,
            JavaMailSender mail,
            Clock clock,
            MeterRegistry meters,
            NotificationsProperties properties) {
        this.newsletters = newsletters;
        this.deliveries = deliveries;
        this.subscribers = subscribers;
        this.organisations = organisations;
        this.emails = emails;
        this.mail = mail;
        this.clock = clock;
        this.meters = meters;
        this.settings = properties.newsletter();
        this.rate = new SendingRate(settings.ratePerSecond());
        this.smtp = Schedulers.newBoundedElastic(settings.connections(), 10_000, "newsletter-smtp");
        this.composing = Schedulers.newBoundedElastic(settings.connections(), 10_000, "newsletter-compose");
    }

    public Mono<Void> dispatchDue() {
        var now = clock.instant();
        return newsletters
                .claimDue(now, owner, lease(now))
                .flatMap(newsletter -> work(newsletter).then(newsletters.release(newsletter.id(), owner)));
    }

    private Mono<Void> work(Newsletter newsletter) {
        var start = newsletter.status() == NewsletterStatus.SCHEDULED
                ? newsletters.startSending(newsletter.id(), clock.instant())
                : Mono.<Void>empty();
        var plan = newsletter.planned() ? Mono.<Void>empty() : plan(newsletter);
        var deadline = clock.instant().plus(ROUND);
        return start.then(plan)
                .then(organisations
                        .find(new OrganisationId(newsletter.organisationId()))
                        .map(java.util.Optional::of))
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(organisation ->
                        sendUntil(newsletter, emails.copies(newsletter, organisation.orElse(null)), deadline))
                .then(Mono.defer(() -> finishIfSettled(newsletter)));
    }

    private Mono<Void> plan(Newsletter newsletter) {
        return subscribers
                .confirmedFor(newsletter.organisationId(), newsletter.topics())
                .map(subscriber -> NewsletterDelivery.pending(newsletter.id(), subscriber.id(), clock.instant()))
                .buffer(PLANNED_PER_WRITE)
                .concatMap(deliveries::planAll)
                .then(deliveries.count(newsletter.id()))
                .flatMap(total -> {
                    log.info("Newsletter {} planned for {} subscribers", newsletter.id(), total);
                    return newsletters.planned(newsletter.id(), total);
                });
    }

    /**
     * Claims until nothing is due, the newsletter is no longer sending, or the round's time is up. The
     * next claim is made while the one before it is being sent (one ahead), so the connections do not
     * wait for the store between claims.
     */
    private Mono<Void> sendUntil(Newsletter newsletter, NewsletterEmails.Copies copies, Instant deadline) {
        return Mono.defer(() -> nextClaim(newsletter, deadline))
                .repeat()
                .takeWhile(claimed -> !claimed.isEmpty())
                .concatMap(claimed -> send(copies, claimed), 1)
                .then();
    }

    /** Empty when this round should stop. */
    private Mono<List<NewsletterDelivery>> nextClaim(Newsletter newsletter, Instant deadline) {
        return stillSending(newsletter.id())
                .flatMap(sending -> {
                    var now = clock.instant();
                    if (!sending || stopping || now.isAfter(deadline)) {
                        return Mono.<List<NewsletterDelivery>>empty();
                    }
                    var leaseUntil = lease(now);
                    return newsletters
                            .extendLease(newsletter.id(), owner, leaseUntil)
                            .filter(held -> held)
                            .flatMap(held -> deliveries
                                    .claim(newsletter.id(), owner, now, leaseUntil, claimSize())
                                    .collectList());
                })
                .defaultIfEmpty(List.of());
    }

    /** On shutdown the round under way ends after its current batches, recorded; another instance or a restart goes on. */
    @EventListener(ContextClosedEvent.class)
    void stopping() {
        stopping = true;
    }

    private Mono<Boolean> stillSending(String id) {
        return newsletters.find(id).map(found -> found.status() == NewsletterStatus.SENDING);
    }

    /**
     * Whether each subscriber is still confirmed is read once for the claim, just before its batches go
     * out (one search by {@code _id}, which the embedded store answers from the index), rather than once
     * per batch: who left in the meantime is skipped.
     */
    private Mono<Void> send(NewsletterEmails.Copies copies, List<NewsletterDelivery> claimed) {
        return subscribers
                .byIds(claimed.stream().map(NewsletterDelivery::subscriberId).toList())
                .collectMap(Subscriber::id, Function.identity())
                .flatMap(found -> {
                    var skipped = new ArrayList<String>();
                    var sendTo = new ArrayList<NewsletterDelivery>();
                    for (var delivery : claimed) {
                        var subscriber = found.get(delivery.subscriberId());
                        if (subscriber == null || !subscriber.status().receivesNewsletters()) {
                            skipped.add(delivery.id());
                        } else {
                            sendTo.add(delivery);
                        }
                    }
                    count("skipped", skipped.size());
                    // Batches not begun when the service stops are given back at once, not held to the lease.
                    var notBegun = new ConcurrentLinkedQueue<String>();
                    return deliveries
                            .markSkipped(skipped)
                            .thenMany(Flux.fromIterable(batches(sendTo)))
                            // Composed a few batches ahead of the connections, on threads of their own, so a
                            // connection does not wait while its next messages are written.
                            .flatMapSequential(
                                    batch -> Mono.fromCallable(() -> compose(copies, batch, found))
                                            .subscribeOn(composing),
                                    settings.connections())
                            .limitRate(settings.connections() * 2)
                            .flatMap(
                                    composed -> Mono.defer(() -> {
                                        if (stopping) {
                                            composed.batch().forEach(delivery -> notBegun.add(delivery.id()));
                                            return Mono.<Void>empty();
                                        }
                                        return Mono.fromCallable(() -> sendOverOneConnection(composed))
                                                .subscribeOn(smtp)
                                                .flatMap(this::record);
                                    }),
                                    settings.connections())
                            .then(Mono.defer(() -> deliveries.giveBack(List.copyOf(notBegun))));
                });
    }

    private record Outcome(List<String> sent, Map<NewsletterDelivery, Exception> failed) {}

    /** A batch's messages, written and waiting for a connection. */
    private record Composed(
            List<NewsletterDelivery> batch,
            IdentityHashMap<MimeMessage, NewsletterDelivery> messages,
            IdentityHashMap<NewsletterDelivery, Exception> failed) {}

    private Composed compose(
            NewsletterEmails.Copies copies, List<NewsletterDelivery> batch, Map<String, Subscriber> subscribers) {
        var messages = new IdentityHashMap<MimeMessage, NewsletterDelivery>();
        var failed = new IdentityHashMap<NewsletterDelivery, Exception>();
        for (var delivery : batch) {
            try {
                // Batches hold only deliveries whose subscriber was found.
                var subscriber = Objects.requireNonNull(subscribers.get(delivery.subscriberId()));
                messages.put(
                        copies.forSubscriber(
                                subscriber.id(), subscriber.email(), subscriber.token(), subscriber.language()),
                        delivery);
            } catch (Exception e) {
                failed.put(delivery, e);
            }
        }
        return new Composed(batch, messages, failed);
    }

    /** Blocking: one connection for the whole batch, paced by the shared rate. */
    private Outcome sendOverOneConnection(Composed composed) {
        var messages = composed.messages();
        var failed = composed.failed();
        if (messages.isEmpty()) {
            return new Outcome(List.of(), failed);
        }
        rate.acquire(messages.size());
        try {
            mail.send(messages.keySet().toArray(MimeMessage[]::new));
        } catch (MailSendException partly) {
            partly.getFailedMessages().forEach((message, e) -> {
                var delivery = messages.get(message);
                if (delivery != null) {
                    failed.put(delivery, e);
                }
            });
            if (partly.getFailedMessages().isEmpty()) {
                messages.values().forEach(delivery -> failed.put(delivery, partly));
            }
        } catch (MailException unavailable) {
            messages.values().forEach(delivery -> failed.put(delivery, unavailable));
        }
        var sent = messages.values().stream()
                .filter(delivery -> !failed.containsKey(delivery))
                .map(NewsletterDelivery::id)
                .collect(Collectors.toList());
        return new Outcome(sent, failed);
    }

    private Mono<Void> record(Outcome outcome) {
        count("sent", outcome.sent().size());
        var failures = Flux.fromIterable(outcome.failed().entrySet()).concatMap(failure -> {
            var delivery = failure.getKey();
            var attempts = delivery.attempts() + 1;
            var permanent = SmtpFailures.isPermanent(failure.getValue());
            if (RetryPolicy.givesUp(attempts, permanent)) {
                count("failed", 1);
                return deliveries.markFailed(
                        delivery.id(), attempts, permanent ? "rejected by the mail server" : "gave up");
            }
            count("retried", 1);
            return deliveries.retryLater(
                    delivery.id(),
                    attempts,
                    clock.instant().plus(RetryPolicy.delayAfter(attempts)),
                    "mail server unavailable");
        });
        return deliveries.markSent(outcome.sent(), clock.instant()).then(failures.then());
    }

    private Mono<Void> finishIfSettled(Newsletter newsletter) {
        return newsletters.find(newsletter.id()).flatMap(current -> {
            if (current.status() != NewsletterStatus.SENDING || !current.planned()) {
                return Mono.empty();
            }
            return deliveries
                    .count(current.id(), NewsletterDeliveryStatus.PENDING)
                    .filter(pending -> pending == 0)
                    .flatMap(none -> newsletters.finish(current.id(), clock.instant()));
        });
    }

    private int claimSize() {
        return Math.min(
                settings.connections() * settings.batchSize() * BATCHES_PER_CONNECTION_PER_CLAIM,
                Math.max(settings.batchSize(), settings.ratePerSecond() * SECONDS_PER_CLAIM));
    }

    private List<List<NewsletterDelivery>> batches(List<NewsletterDelivery> claimed) {
        var batches = new ArrayList<List<NewsletterDelivery>>();
        for (int i = 0; i < claimed.size(); i += settings.batchSize()) {
            batches.add(claimed.subList(i, Math.min(claimed.size(), i + settings.batchSize())));
        }
        return batches;
    }

    private static Instant lease(Instant now) {
        // Millisecond precision, as stored, so the claim can be found again by its stamp.
        return now.plus(LEASE).truncatedTo(ChronoUnit.MILLIS);
    }

    private void count(String outcome, int amount) {
        if (amount > 0) {
            meters.counter("convene.newsletter.emails", "outcome", outcome).increment(amount);
        }
    }
}
