package org.convene.notifications.delivery.sending;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.annotation.PreDestroy;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.convene.notifications.config.NotificationsProperties;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.delivery.persistence.DeliveryArrivals;
import org.convene.notifications.delivery.persistence.LiveSenders;
import org.convene.notifications.event.domain.Event;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.mail.CheckInQr;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.EventDates;
import org.convene.notifications.mail.MailComposer;
import org.convene.notifications.mail.RetryPolicy;
import org.convene.notifications.mail.SmtpFailures;
import org.convene.notifications.organisation.domain.Organisation;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Sends due deliveries in rounds (run by {@link SendingLoop}, one worker at a time each): a round
 * <b>claims</b> up to a batch by lease (one conditional update by {@code _id} and lease each),
 * reads what the emails need and <b>composes</b> them on a bounded scheduler (never on the
 * store's event loop), then <b>sends</b> them over one SMTP connection on the SMTP scheduler,
 * recording each outcome as soon as it is known, conditionally on the lease.
 *
 * <p>A transient failure (server away or silent, 4xx) is retried with exponential backoff; a
 * permanent one (5xx for the address) is marked failed at once; after too many attempts a
 * delivery is marked failed and counted, visible to operators. Once the server has accepted an
 * email, nothing can turn it into a failure: it is recorded as sent. No send starts with less than
 * the worst single send left on the lease, nor after the watchdog ended the round: what is left
 * is given back, due at once. Each delivery has a stable Message-ID, so a resend after a crash
 * between sending and recording can be recognised by the receiving side. What an email needs to
 * know (the event, the organisation) is read when it is sent, so it says what is current.
 *
 * <p>Logs name a delivery by {@link Delivery#ref}, never by its id (which holds the address).
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    /** How long an email may wait for the event or organisation it is about to become known. */
    private static final Duration WAIT_FOR_FACTS = Duration.ofHours(6);

    private static final Duration WAIT_FOR_FACTS_RETRY = Duration.ofSeconds(2);

    /** How many due deliveries one sweep hands over: one scan of the store (on the embedded one) feeds many batches. */
    static final int SWEEP_PAGE = 500;

    /** The emails about a place at an event, whose Easy Read version says what to bring. */
    private static final List<String> BRING = List.of("confirmation", "promoted", "rescheduled", "reminder");

    private static final List<String> WITH_CALENDAR = List.of("confirmation", "promoted", "rescheduled", "reminder");

    private final Deliveries deliveries;
    private final DeliveryArrivals arrivals;
    private final Events events;
    private final Organisations organisations;
    private final NewsletterTestCopies newsletterTests;
    private final EmailTemplates templates;
    private final MailComposer composer;
    private final JavaMailSender mail;
    private final LiveSenders liveSenders;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final NotificationsProperties.Sending settings;
    /** Composing is CPU work: templates, calendar entries, MIME. */
    private final Scheduler composing = Schedulers.newBoundedElastic(
            Math.max(2, Runtime.getRuntime().availableProcessors()), 10_000, "email-compose");
    /** SMTP is blocking; one thread per worker, and as many again for sends the watchdog gave up on. */
    private final Scheduler smtp;

    private final Executor smtpExecutor;
    /** When this instance last swept the queue for what is due (epoch ms; 0: sweep at once). */
    private final AtomicLong lastSweep = new AtomicLong();

    public DeliverySender(
            Deliveries deliveries,
            DeliveryArrivals arrivals,
            LiveSenders liveSenders,
            Events events,
            Organisations organisations,
            NewsletterTestCopies newsletterTests,
            EmailTemplates templates,
            MailComposer composer,
            JavaMailSender mail,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator,
            NotificationsProperties properties) {
        this.deliveries = deliveries;
        this.arrivals = arrivals;
        this.liveSenders = liveSenders;
        this.events = events;
        this.organisations = organisations;
        this.newsletterTests = newsletterTests;
        this.templates = templates;
        this.composer = composer;
        this.mail = mail;
        this.clock = clock;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
        this.settings = properties.sending();
        this.smtp = Schedulers.newBoundedElastic(settings.workers() * 2, 1_000, "smtp");
        this.smtpExecutor = task -> smtp.schedule(task);
    }

    @PreDestroy
    void close() {
        composing.dispose();
        smtp.dispose();
    }

    /** A claimed delivery and its composed email. */
    private record Ready(Delivery delivery, MimeMessage message) {}

    /**
     * One round of one worker: claim a batch, compose it, send it over one connection. Says true
     * when there may be more due at once.
     *
     * <p>What to claim comes from the deliveries handed over in memory ({@link DeliveryArrivals}:
     * queued or given back by this instance, or found by a sweep), each claimed by {@code _id} and
     * lease value, with no search. A sweep of the store for what is due (what a crash, another
     * instance or a full hand-over left) runs when too little is handed over, at most once per
     * {@code sweepEvery} per instance, and again at once while it finds full pages; what it finds
     * is handed over to every worker of the instance, so one scan feeds many batches.
     */
    public Mono<Boolean> round(SendingLoop.Round round) {
        round.step("claiming");
        var want = settings.batchSize();
        var sweep = arrivals.waiting() < want && sweepNow();
        var swept = sweep
                ? liveSenders
                        .presumedDead(clock.instant())
                        .flatMap(dead -> deliveries
                                .due(clock.instant(), SWEEP_PAGE, dead)
                                .collectList())
                        .doOnNext(page -> {
                            if (page.size() == SWEEP_PAGE) {
                                // A full page: there may be more behind it, so the sweep after it comes at once.
                                lastSweep.set(0);
                            }
                            arrivals.handOver(page);
                        })
                : Mono.just(List.<Delivery>of());
        return swept.flatMap(page -> {
            var handed = arrivals.take(want);
            if (handed.isEmpty()) {
                log.trace("Worker {}: nothing due", round.worker());
                return Mono.just(false);
            }
            var lease = Deliveries.newLease();
            // Taken now, not at the start of the round, so a late claim's lease is as long as an early one's.
            var claimedAt = clock.instant();
            var leaseUntil = claimedAt.plus(settings.lease());
            var more = handed.size() == want || arrivals.waiting() > 0 || page.size() == SWEEP_PAGE;
            // All at once: no more are taken than the batch holds, so none is claimed and then left unsent.
            return Flux.fromIterable(handed)
                    .flatMapSequential(
                            one -> deliveries
                                    .claim(one, claimedAt, lease, leaseUntil, liveSenders.self())
                                    .filter(claimed -> claimed)
                                    .map(claimed -> one),
                            want)
                    .collectList()
                    .doOnNext(claimed -> log.debug(
                            "Worker {}: {} handed over, {} swept, claimed {}",
                            round.worker(),
                            handed.size(),
                            page.size(),
                            claimed.size()))
                    .flatMap(claimed -> claimed.isEmpty()
                            ? Mono.just(more)
                            : send(round, claimed, lease, leaseUntil.minus(settings.worstSingleSend()))
                                    .thenReturn(more));
        });
    }

    /** At most one sweep per {@code sweepEvery} on this instance, or at once when one was asked for. */
    private boolean sweepNow() {
        if (arrivals.takeSweepWanted()) {
            lastSweep.set(clock.millis());
            return true;
        }
        var last = lastSweep.get();
        var now = clock.millis();
        return now - last >= settings.sweepEvery().toMillis() && lastSweep.compareAndSet(last, now);
    }

    private Mono<Void> send(SendingLoop.Round round, List<Delivery> claimed, String lease, Instant lastStart) {
        round.step("reading facts");
        return Flux.fromIterable(claimed)
                .flatMapSequential(delivery -> prepare(round, delivery, lease), 4)
                .collectList()
                .flatMap(ready -> {
                    if (ready.isEmpty()) {
                        return Mono.<Void>empty();
                    }
                    round.step("sending");
                    // Not cancelled with the round: what the server accepted is recorded whatever happens to the round.
                    var sending = CompletableFuture.supplyAsync(
                            () -> sendOverOneConnection(round, ready, lease, lastStart), smtpExecutor);
                    return Mono.fromFuture(sending, true).flatMap(records -> {
                        round.step("recording");
                        return Mono.fromFuture(CompletableFuture.allOf(records.toArray(CompletableFuture[]::new)), true)
                                .then();
                    });
                });
    }

    /** The email, composed; or nothing, when it cannot be sent now (recorded). */
    private Mono<Ready> prepare(SendingLoop.Round round, Delivery delivery, String lease) {
        return facts(delivery)
                .onErrorResume(e -> {
                    log.warn(
                            "Email {} waits: its facts could not be read: {}",
                            delivery.ref(),
                            e.getClass().getName());
                    return retryLater(delivery, lease, delivery.attempts(), WAIT_FOR_FACTS_RETRY, "store unavailable")
                            .then(Mono.empty());
                })
                .flatMap(facts -> {
                    var missing = missing(delivery, facts);
                    if (missing != null) {
                        log.debug("Email {} waits: {}", delivery.ref(), missing);
                        return waitForFacts(delivery, lease, missing).then(Mono.<Ready>empty());
                    }
                    round.step("composing");
                    return message(delivery, facts)
                            .map(message -> new Ready(delivery, message))
                            .onErrorResume(e -> {
                                // A delivery that cannot even be written (a bug, a kind we do not know) must not
                                // come back every round: set it aside, visible, for an operator.
                                log.error(
                                        "Email {} ({}) cannot be written: {}",
                                        delivery.ref(),
                                        delivery.kind(),
                                        e.getClass().getName());
                                count(delivery, "failed");
                                return deliveries
                                        .abandon(delivery.id(), lease, "cannot be written")
                                        .then(Mono.empty());
                            });
                });
    }

    /**
     * Whether no further send may start in this round: it was ended, the lease's margin is used up, or
     * this instance's heartbeat is late (others may soon presume it dead and send the rest).
     */
    private boolean mustStop(SendingLoop.Round round, Instant lastStart) {
        var now = clock.instant();
        return round.ended() || !now.isBefore(lastStart) || !liveSenders.maySend(now);
    }

    /** Gives deliveries back untried, due at once, and wakes a sender for them. */
    private void giveBack(List<Ready> rest, String lease, List<CompletableFuture<@Nullable Boolean>> records) {
        for (var ready : rest) {
            records.add(deliveries
                    .release(ready.delivery(), lease)
                    .onErrorReturn(false)
                    .toFuture());
        }
    }

    /**
     * Blocking, on the SMTP scheduler: one connection for the batch. Returns the outcomes being
     * recorded (already under way, whatever becomes of the round).
     */
    private List<CompletableFuture<@Nullable Boolean>> sendOverOneConnection(
            SendingLoop.Round round, List<Ready> batch, String lease, Instant lastStart) {
        var records = new ArrayList<CompletableFuture<@Nullable Boolean>>();
        Transport transport = null;
        try {
            for (int i = 0; i < batch.size(); i++) {
                var delivery = batch.get(i).delivery();
                var message = batch.get(i).message();
                if (mustStop(round, lastStart)) {
                    // Too little lease left for one more send, or the watchdog ended the round: give the rest back.
                    giveBack(batch.subList(i, batch.size()), lease, records);
                    break;
                }
                if (transport == null && mail instanceof JavaMailSenderImpl configured) {
                    round.step("connecting");
                    try {
                        transport = connect(configured);
                    } catch (Exception e) {
                        // Nobody to send to: the whole batch waits and tries again.
                        for (var rest : batch.subList(i, batch.size())) {
                            records.add(failed(rest.delivery(), lease, e).toFuture());
                        }
                        break;
                    }
                    round.step("sending");
                    if (mustStop(round, lastStart)) {
                        // Connecting took the lease's margin (a slow or silent server): another sender may
                        // claim these once the lease ends, so none of them may be sent from here.
                        giveBack(batch.subList(i, batch.size()), lease, records);
                        break;
                    }
                }
                try {
                    if (transport != null) {
                        transport.sendMessage(message, message.getAllRecipients());
                    } else {
                        mail.send(message);
                    }
                } catch (MessagingException | RuntimeException e) {
                    round.signal();
                    records.add(failed(delivery, lease, e).toFuture());
                    if (!(e instanceof SendFailedException)) {
                        // The connection is in an unknown state (time-out, broken): a new one for the next.
                        closeQuietly(transport);
                        transport = null;
                    }
                    continue;
                }
                // Accepted by the server. From here on, nothing makes it a failure.
                round.signal();
                records.add(recordSent(delivery, lease));
            }
        } finally {
            closeQuietly(transport);
        }
        return records;
    }

    private static Transport connect(JavaMailSenderImpl configured) throws MessagingException {
        var transport = configured
                .getSession()
                .getTransport(configured.getProtocol() == null ? "smtp" : configured.getProtocol());
        var username = configured.getUsername();
        var password = configured.getPassword();
        transport.connect(
                configured.getHost(),
                configured.getPort(),
                username == null || username.isEmpty() ? null : username,
                password == null || password.isEmpty() ? null : password);
        return transport;
    }

    private static void closeQuietly(@Nullable Transport transport) {
        if (transport == null) {
            return;
        }
        try {
            transport.close();
        } catch (Exception | LinkageError ignored) {
            // Closing a broken connection fails; it is closed either way.
        }
    }

    private CompletableFuture<@Nullable Boolean> recordSent(Delivery delivery, String lease) {
        try {
            count(delivery, "sent");
            sent(delivery);
        } catch (RuntimeException notAFailure) {
            // Counting or logging must never make a sent email look failed.
        }
        return deliveries
                .markSent(delivery.id(), lease, clock.instant())
                // Until the store answers (it may be restarting), within what is left of the lease: an
                // email sent and not recorded is sent again once the lease ends.
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofMillis(200)).maxBackoff(Duration.ofSeconds(5)))
                .timeout(settings.worstSingleSend())
                .doOnNext(held -> {
                    if (!held) {
                        count(delivery, "lease-lost");
                        log.warn(
                                "Email {} was sent after its lease had ended (another sender may send it too); recorded as sent",
                                delivery.ref());
                    }
                })
                .onErrorResume(e -> {
                    log.error(
                            "Email {} was sent but could not be recorded (it may be sent again after its lease): {}",
                            delivery.ref(),
                            e.getClass().getName());
                    return Mono.just(false);
                })
                .toFuture();
    }

    /**
     * Says so in the log as part of the trace that caused the email (the request that registered,
     * say), so one registration can be followed from the gateway to its email.
     */
    private void sent(Delivery delivery) {
        var tracing = tracer.getIfAvailable();
        var extracting = propagator.getIfAvailable();
        if (delivery.traceparent() == null || tracing == null || extracting == null) {
            log.info("Sent {} email {}", delivery.kind(), delivery.ref());
            return;
        }
        var span = extracting
                .extract(java.util.Map.of("traceparent", delivery.traceparent()), java.util.Map::get)
                .name("email " + delivery.kind())
                .start();
        try (var inScope = tracing.withSpan(span)) {
            log.info("Sent {} email {}", delivery.kind(), delivery.ref());
        } finally {
            span.end();
        }
    }

    /** What an email is written from; absent parts are fine for some kinds, needed for others. */
    private record Facts(Optional<Event> event, Optional<Organisation> organisation) {}

    private Mono<Facts> facts(Delivery delivery) {
        var event = delivery.eventId() == null
                ? Mono.just(Optional.<Event>empty())
                : events.find(new EventId(delivery.eventId())).map(Optional::of).defaultIfEmpty(Optional.empty());
        return event.flatMap(found -> {
            var organisationId = delivery.organisationId() != null
                    ? Optional.of(new OrganisationId(delivery.organisationId()))
                    : found.map(Event::organisationId);
            return organisationId
                    .map(organisations::find)
                    .orElse(Mono.empty())
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .map(organisation -> new Facts(found, organisation));
        });
    }

    private static @Nullable String missing(Delivery delivery, Facts facts) {
        if (delivery.eventId() != null && facts.event().isEmpty()) {
            return "event not known yet";
        }
        if (delivery.recipient() == null && facts.organisation().isEmpty()) {
            return "organisation not known yet";
        }
        return null;
    }

    /** The message it depends on is still on its way (another topic): try again shortly, for a while. */
    private Mono<Void> waitForFacts(Delivery delivery, String lease, String missing) {
        if (delivery.createdAt().plus(WAIT_FOR_FACTS).isBefore(clock.instant())) {
            count(delivery, "failed");
            return deliveries.abandon(delivery.id(), lease, missing).then();
        }
        return retryLater(delivery, lease, delivery.attempts(), WAIT_FOR_FACTS_RETRY, missing);
    }

    private Mono<Boolean> failed(Delivery delivery, String lease, Throwable e) {
        var attempts = delivery.attempts() + 1;
        var permanent = SmtpFailures.isPermanent(e);
        if (RetryPolicy.givesUp(attempts, permanent)) {
            log.warn("Email {} ({}) failed for good after {} attempts", delivery.ref(), delivery.kind(), attempts);
            count(delivery, "failed");
            return deliveries
                    .markFailed(delivery.id(), lease, attempts, permanent ? "rejected by the mail server" : "gave up")
                    .onErrorReturn(false);
        }
        count(delivery, "retried");
        return retryLater(delivery, lease, attempts, RetryPolicy.delayAfter(attempts), "mail server unavailable")
                .thenReturn(true)
                .onErrorReturn(false);
    }

    /** Back in the queue, due after {@code delay}; this instance's senders are told when it is due. */
    private Mono<Void> retryLater(Delivery delivery, String lease, int attempts, Duration delay, String reason) {
        return deliveries
                .retryLater(delivery, lease, attempts, clock.instant().plus(delay), reason)
                .then();
    }

    /** Composed on the composing scheduler, complete (headers settled) so sending only writes it. */
    private Mono<MimeMessage> message(Delivery delivery, Facts facts) {
        return unsettled(delivery, facts).map(message -> {
            try {
                message.setSentDate(Date.from(clock.instant()));
                message.saveChanges();
                return message;
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Mono<MimeMessage> unsettled(Delivery delivery, Facts facts) {
        var organisation = facts.organisation().orElse(null);
        if (delivery.kind().equals("newsletter-test")) {
            return newsletterTests
                    .copy(
                            known(delivery.organisationId(), "the newsletter's organisation"),
                            known(delivery.newsletterId(), "newsletter"))
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("newsletter gone")))
                    .publishOn(composing)
                    .map(written -> {
                        try {
                            var copy = written.get();
                            return composer.compose(
                                    messageId(delivery),
                                    known(delivery.recipient(), "recipient"),
                                    copy.sender(),
                                    templates.message("email.newsletter.test", Locale.UK, copy.subject()),
                                    copy.rendered(),
                                    Map.of(),
                                    List.of());
                        } catch (MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        return Mono.fromCallable(() -> compose(delivery, facts.event().orElse(null), organisation))
                .subscribeOn(composing);
    }

    private MimeMessage compose(Delivery delivery, @Nullable Event event, @Nullable Organisation organisation)
            throws MessagingException {
        var sender = organisation == null
                ? MailComposer.Sender.CONVENE
                : new MailComposer.Sender(organisation.name(), organisation.replyAddress());
        // The person's own language and reading mode; an organisation's emails are in English (null).
        var reading = EmailTemplates.Reading.of(delivery.language(), delivery.easyRead());
        var locale = reading.locale();
        var model = new HashMap<String, Object>();
        model.put("name", delivery.recipientName());
        model.put("sender", composer.displayName(sender));
        model.put("manageLink", delivery.privateLink());
        model.put("confirmLink", delivery.privateLink());
        model.put("bring", BRING.contains(delivery.kind()));
        if (event != null) {
            var zone = ZoneId.of(event.timeZone());
            var startsAt = event.startsAt().atZone(zone);
            model.put("title", event.title());
            model.put("when", EventDates.when(locale).format(startsAt));
            model.put("easyDate", EventDates.date(locale).format(startsAt));
            model.put("easyTime", EventDates.time(locale).format(startsAt));
            model.put("timeZone", zone.getId());
            model.put("online", event.online());
            model.put("onlineLink", event.onlineLink());
            model.put("venueName", event.venueName());
            model.put("venueAddress", event.venueAddress());
            model.put("venuePostcode", event.venuePostcode());
            model.put(
                    "accessibility",
                    event.accessibility().stream()
                            .map(fact -> templates.messageOr("email.access." + fact, sentence(fact), locale))
                            .toList());
            model.put("eventCancelled", event.cancelled());
            model.put("reason", event.cancellationReason());
        }
        var registration = delivery.registration();
        var support = registration == null ? List.<String>of() : readable(registration.supportRequested(), locale);
        model.put("seats", registration == null ? 0 : registration.seats());
        model.put("companions", registration == null ? List.of() : registration.companions());
        model.put("group", registration == null ? List.of() : registration.groupMembers());
        model.put("groupWaiting", registration == null ? List.of() : registration.groupWaiting());
        model.put("position", registration == null ? null : registration.waitlistPosition());
        model.put("support", support);
        model.put(
                "arranged",
                registration == null
                        ? List.of()
                        : registration.arranged().stream()
                                .map(arranged -> {
                                    var line = new HashMap<String, Object>();
                                    line.put(
                                            "need",
                                            readable(List.of(arranged.need()), locale)
                                                    .getFirst());
                                    line.put("note", arranged.note());
                                    return line;
                                })
                                .toList());
        var request = delivery.request();
        if (request != null) {
            model.put("requestKind", requestKind(request, locale));
            model.put("requesterOrganisation", request.requesterOrganisation());
            model.put("replyText", request.replyText());
        }
        var digest = delivery.digest();
        if (digest != null) {
            model.put("events", digestEvents(digest, locale));
        }
        var title = event == null ? null : event.title();
        var subject = switch (delivery.kind()) {
            case "confirmation", "waitlisted", "promoted", "rescheduled", "reminder", "support-arranged" ->
                templates.message("email." + delivery.kind() + ".subject", locale, title);
            case "support-alert" -> templates.message("email.support-alert.subject", locale, title);
            case "cancelled" ->
                event != null && event.cancelled()
                        ? templates.message("email.cancelled.subject.event", locale, title)
                        : templates.message("email.cancelled.subject", locale, title);
            case "support-digest" ->
                templates.message(
                        "email.support-digest.subject",
                        locale,
                        templates.message(
                                "email.count.events",
                                locale,
                                known(digest, "digest").events().size()));
            case "subscription-confirmation" ->
                templates.message("email.subscription-confirmation.subject", locale, composer.displayName(sender));
            case "request-received", "request-reply" ->
                templates.message(
                        "email." + delivery.kind() + ".subject",
                        locale,
                        requestKind(known(request, "request"), locale));
            case "request-new" ->
                templates.message(
                        "email.request-new.subject",
                        locale,
                        requestKind(known(request, "request"), locale),
                        known(request, "request").requesterOrganisation());
            default -> throw new IllegalStateException("No email is written for " + delivery.kind());
        };
        var recipient = delivery.recipient() != null
                ? delivery.recipient()
                : known(organisation, "organisation").contactEmail();
        var attachments = WITH_CALENDAR.contains(delivery.kind())
                ? List.of(new MailComposer.Attachment(
                        "event.ics",
                        EventIcs.of(known(event, "event")).getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8"))
                : List.<MailComposer.Attachment>of();
        var checkInCode = delivery.checkInCode();
        model.put("checkInCode", checkInCode);
        var rendered = templates.render(delivery.kind(), subject, model, reading);
        if (checkInCode != null) {
            var inline = new java.util.ArrayList<>(rendered.inline());
            inline.add(CheckInQr.of(checkInCode));
            rendered = new EmailTemplates.Rendered(rendered.subject(), rendered.text(), rendered.html(), inline);
        }
        return composer.compose(messageId(delivery), recipient, sender, subject, rendered, Map.of(), attachments);
    }

    /**
     * What the email's kind always carries (a digest, a request, a newsletter), or what {@link #missing}
     * waited for before it was written (the event, the organisation): there by now.
     */
    private static <T> T known(@Nullable T fact, String what) {
        if (fact == null) {
            throw new IllegalStateException(what + " not known");
        }
        return fact;
    }

    /**
     * Each event of a digest as its email says it: when, and by when, in the event's own zone; each need in
     * words with how many people need it.
     */
    private List<Map<String, Object>> digestEvents(Delivery.Digest digest, Locale locale) {
        var when = EventDates.when(locale);
        return digest.events().stream()
                .map(event -> {
                    var zone = ZoneId.of(event.timeZone() == null ? "UTC" : event.timeZone());
                    Map<String, Object> line = new HashMap<>();
                    line.put("title", event.title());
                    line.put("when", when.format(event.startsAt().atZone(zone)));
                    line.put("timeZone", zone.getId());
                    line.put("arrangeBy", when.format(event.arrangeBy().atZone(zone)));
                    line.put(
                            "needs",
                            event.outstanding().stream()
                                    .map(need -> Map.<String, Object>of(
                                            "words", outstandingNeed(need.need(), locale),
                                            "people", templates.message("email.count.people", locale, need.people())))
                                    .toList());
                    return line;
                })
                .toList();
    }

    /** A need in words for the organiser; what people wrote themselves is on the event's page only. */
    private String outstandingNeed(String code, Locale locale) {
        return "OTHER".equals(code)
                ? templates.message("email.need.outstanding.OTHER", locale)
                : readable(List.of(code), locale).getFirst();
    }

    /**
     * What a booking request asks for in words, as its emails say it: the offering's name in quotation
     * marks for one of the organisation's offerings ("“Young carers awareness”"), else the kind ("a keynote").
     */
    private String requestKind(Delivery.Request request, Locale locale) {
        if (request.offeringName() != null && !request.offeringName().isBlank()) {
            return templates.message("email.request.offering", locale, request.offeringName());
        }
        var kind = request.kind() == null ? "" : request.kind();
        return switch (kind) {
            case "training", "keynote", "consultancy" -> templates.message("email.request.kind." + kind, locale);
            default -> templates.message("email.request.kind.other", locale);
        };
    }

    /** Support categories in words; only the codes travel, never what the person wrote. */
    private List<String> readable(@Nullable List<String> codes, Locale locale) {
        if (codes == null) {
            return List.of();
        }
        return codes.stream()
                .map(code -> {
                    if (code.startsWith("INTERPRETER_")) {
                        var language = code.substring("INTERPRETER_".length());
                        return templates.message(
                                "email.need.INTERPRETER",
                                locale,
                                language.length() <= 3 ? language : sentence(language));
                    }
                    return templates.messageOr("email.need." + code, sentence(code), locale);
                })
                .toList();
    }

    private static String sentence(String code) {
        var words = code.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String messageId(Delivery delivery) {
        return "<" + delivery.id().replace(':', '.') + "@convene>";
    }

    private void count(Delivery delivery, String outcome) {
        meters.counter("convene.emails", "kind", delivery.kind(), "outcome", outcome)
                .increment();
    }
}
