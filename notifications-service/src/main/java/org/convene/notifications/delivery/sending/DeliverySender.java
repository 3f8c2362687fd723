package org.convene.notifications.delivery.sending;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.persistence.EventView;
import org.convene.notifications.event.persistence.EventViews;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.MailComposer;
import org.convene.notifications.mail.SmtpFailures;
import org.convene.notifications.newsletter.persistence.MongoNewsletters;
import org.convene.notifications.newsletter.sending.NewsletterEmails;
import org.convene.notifications.organisation.persistence.OrganisationView;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends due deliveries, one email each. SMTP is blocking, so it runs on a small bounded scheduler.
 * A transient failure (server away, 4xx) is retried with exponential backoff; a permanent one (5xx
 * for the address) is marked failed at once; after too many attempts a delivery is marked failed
 * and counted, visible to operators. Each delivery has a stable Message-ID, so a resend after a
 * crash between sending and recording can be recognised by the receiving side. What an email
 * needs to know (the event, the organisation) is read when it is sent, so it says what is current.
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);
    /** How long an email may wait for the event or organisation it is about to become known. */
    private static final Duration WAIT_FOR_FACTS = Duration.ofHours(6);

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a", Locale.UK);
    private static final List<String> WITH_CALENDAR = List.of("confirmation", "promoted", "rescheduled", "reminder");

    private final Deliveries deliveries;
    private final EventViews events;
    private final OrganisationViews organisations;
    private final MongoNewsletters newsletters;
    private final NewsletterEmails newsletterEmails;
    private final EmailTemplates templates;
    private final MailComposer composer;
    private final JavaMailSender mail;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ObjectProvider<Tracer> tracer;
    private final ObjectProvider<Propagator> propagator;
    private final Scheduler smtp = Schedulers.newBoundedElastic(4, 1_000, "smtp");

    public DeliverySender(
            Deliveries deliveries,
            EventViews events,
            OrganisationViews organisations,
            MongoNewsletters newsletters,
            NewsletterEmails newsletterEmails,
            EmailTemplates templates,
            MailComposer composer,
            JavaMailSender mail,
            Clock clock,
            MeterRegistry meters,
            ObjectProvider<Tracer> tracer,
            ObjectProvider<Propagator> propagator) {
        this.deliveries = deliveries;
        this.events = events;
        this.organisations = organisations;
        this.newsletters = newsletters;
        this.newsletterEmails = newsletterEmails;
        this.templates = templates;
        this.composer = composer;
        this.mail = mail;
        this.clock = clock;
        this.meters = meters;
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** One round: every due delivery this instance manages to claim, one after another. */
    public Mono<Void> sendDue() {
        var now = clock.instant();
        return deliveries
                .due(now, 50)
                .concatMap(delivery -> deliveries
                        .claim(delivery.id(), now, now.plus(LEASE))
                        .filter(claimed -> claimed)
                        .flatMap(claimed -> send(delivery)))
                .then();
    }

    /**
     * Says so in the log as part of the trace that caused the email (the request that registered,
     * say), so one registration can be followed from the gateway to its email.
     */
    private void sent(Delivery delivery) {
        var tracing = tracer.getIfAvailable();
        var extracting = propagator.getIfAvailable();
        if (delivery.traceparent() == null || tracing == null || extracting == null) {
            log.info("Sent {} email {}", delivery.kind(), delivery.id());
            return;
        }
        var span = extracting
                .extract(java.util.Map.of("traceparent", delivery.traceparent()), java.util.Map::get)
                .name("email " + delivery.kind())
                .start();
        try (var inScope = tracing.withSpan(span)) {
            log.info("Sent {} email {}", delivery.kind(), delivery.id());
        } finally {
            span.end();
        }
    }

    /** What an email is written from; absent parts are fine for some kinds, needed for others. */
    private record Facts(Optional<EventView> event, Optional<OrganisationView> organisation) {}

    private Mono<Void> send(Delivery delivery) {
        return facts(delivery)
                .flatMap(facts -> {
                    var missing = missing(delivery, facts);
                    if (missing != null) {
                        return waitForFacts(delivery, missing);
                    }
                    return message(delivery, facts)
                            .flatMap(message -> Mono.fromCallable(() -> {
                                        mail.send(message);
                                        return true;
                                    })
                                    .subscribeOn(smtp))
                            .then(deliveries.markSent(delivery.id(), clock.instant()))
                            .doOnSuccess(done -> {
                                count(delivery, "sent");
                                sent(delivery);
                            })
                            .onErrorResume(MailException.class, e -> failed(delivery, e));
                })
                .onErrorResume(e -> !(e instanceof MailException), e -> {
                    // A delivery that cannot even be written (a bug, a kind we do not know) must not
                    // come back every round: set it aside, visible, for an operator.
                    log.error("Email {} cannot be written: {}", delivery.id(), e.toString());
                    count(delivery, "failed");
                    return deliveries.abandon(delivery.id(), "cannot be written");
                });
    }

    private Mono<Facts> facts(Delivery delivery) {
        var event = delivery.eventId() == null
                ? Mono.just(Optional.<EventView>empty())
                : events.find(delivery.eventId()).map(Optional::of).defaultIfEmpty(Optional.empty());
        return event.flatMap(found -> {
            var organisationId = delivery.organisationId() != null
                    ? delivery.organisationId()
                    : found.map(EventView::organisationId).orElse(null);
            return organisations
                    .find(organisationId)
                    .map(Optional::of)
                    .defaultIfEmpty(Optional.empty())
                    .map(organisation -> new Facts(found, organisation));
        });
    }

    private static String missing(Delivery delivery, Facts facts) {
        if (delivery.eventId() != null && facts.event().isEmpty()) {
            return "event not known yet";
        }
        if (delivery.recipient() == null && facts.organisation().isEmpty()) {
            return "organisation not known yet";
        }
        return null;
    }

    /** The message it depends on is still on its way (another topic): try again shortly, for a while. */
    private Mono<Void> waitForFacts(Delivery delivery, String missing) {
        if (delivery.createdAt().plus(WAIT_FOR_FACTS).isBefore(clock.instant())) {
            count(delivery, "failed");
            return deliveries.abandon(delivery.id(), missing);
        }
        return deliveries.retryLater(
                delivery.id(), delivery.attempts(), clock.instant().plusSeconds(2), missing);
    }

    private Mono<Void> failed(Delivery delivery, Throwable e) {
        var attempts = delivery.attempts() + 1;
        var permanent = SmtpFailures.isPermanent(e);
        if (permanent || attempts >= MAX_ATTEMPTS) {
            log.warn("Email {} failed for good after {} attempts", delivery.id(), attempts);
            count(delivery, "failed");
            return deliveries.markFailed(
                    delivery.id(), attempts, permanent ? "rejected by the mail server" : "gave up");
        }
        count(delivery, "retried");
        var backoff = Duration.ofSeconds(Math.min(300, 1L << Math.min(attempts, 8)));
        return deliveries.retryLater(delivery.id(), attempts, clock.instant().plus(backoff), "mail server unavailable");
    }

    private Mono<MimeMessage> message(Delivery delivery, Facts facts) {
        var organisation = facts.organisation().orElse(null);
        if (delivery.kind().equals("newsletter-test")) {
            return newsletters
                    .find(delivery.newsletterId())
                    .switchIfEmpty(Mono.error(() -> new IllegalStateException("newsletter gone")))
                    .map(newsletter -> {
                        try {
                            var rendered = newsletterEmails.preview(newsletter, organisation);
                            return composer.compose(
                                    messageId(delivery),
                                    delivery.recipient(),
                                    newsletterEmails.sender(organisation),
                                    "[Test] " + newsletter.subject(),
                                    rendered,
                                    Map.of(),
                                    List.of());
                        } catch (MessagingException e) {
                            throw new IllegalStateException(e);
                        }
                    });
        }
        return Mono.fromCallable(() -> compose(delivery, facts.event().orElse(null), organisation));
    }

    private MimeMessage compose(Delivery delivery, EventView event, OrganisationView organisation)
            throws MessagingException {
        var sender = organisation == null
                ? MailComposer.Sender.CONVENE
                : new MailComposer.Sender(organisation.name(), organisation.replyAddress());
        var model = new HashMap<String, Object>();
        model.put("name", delivery.recipientName());
        model.put("sender", composer.displayName(sender));
        model.put("manageLink", delivery.privateLink());
        model.put("confirmLink", delivery.privateLink());
        if (event != null) {
            var zone = ZoneId.of(event.timeZone());
            model.put("title", event.title());
            model.put("when", WHEN.format(event.startsAt().atZone(zone)));
            model.put("timeZone", zone.getId());
            model.put("online", event.online());
            model.put("onlineLink", event.onlineLink());
            model.put("venueName", event.venueName());
            model.put("venueAddress", event.venueAddress());
            model.put("venuePostcode", event.venuePostcode());
            model.put("accessibility", event.accessibility());
            model.put("eventCancelled", EventView.CANCELLED.equals(event.status()));
            model.put("reason", event.cancellationReason());
        }
        var registration = delivery.registration();
        model.put("seats", registration == null ? 0 : registration.seats());
        model.put("companions", registration == null ? List.of() : registration.companions());
        model.put("position", registration == null ? null : registration.waitlistPosition());
        model.put("support", registration == null ? List.of() : readable(registration.supportRequested()));
        var title = event == null ? null : event.title();
        var subject = switch (delivery.kind()) {
            case "confirmation" -> "You're booked: " + title;
            case "waitlisted" -> "You're on the waiting list: " + title;
            case "promoted" -> "A place came up for you: " + title;
            case "cancelled" ->
                EventView.CANCELLED.equals(event.status())
                        ? "Cancelled: " + title
                        : "Your place is cancelled: " + title;
            case "rescheduled" -> "New time: " + title;
            case "reminder" -> "Coming up: " + title;
            case "support-alert" -> "Support requested for " + title;
            case "subscription-confirmation" -> "Please confirm your subscription to " + composer.displayName(sender);
            default -> throw new IllegalStateException("No email is written for " + delivery.kind());
        };
        var recipient = delivery.recipient() != null ? delivery.recipient() : organisation.contactEmail();
        var attachments = WITH_CALENDAR.contains(delivery.kind())
                ? List.of(new MailComposer.Attachment(
                        "event.ics",
                        EventIcs.of(event).getBytes(StandardCharsets.UTF_8),
                        "text/calendar; charset=UTF-8"))
                : List.<MailComposer.Attachment>of();
        return composer.compose(
                messageId(delivery),
                recipient,
                sender,
                subject,
                templates.render(delivery.kind(), subject, model),
                Map.of(),
                attachments);
    }

    /** Support categories in words; only the codes travel, never what the person wrote. */
    private static List<String> readable(List<String> codes) {
        if (codes == null) {
            return List.of();
        }
        return codes.stream()
                .map(code -> {
                    if (code.startsWith("INTERPRETER_")) {
                        var language = code.substring("INTERPRETER_".length());
                        return (language.length() <= 3 ? language : sentence(language)) + " interpreter";
                    }
                    return code.equals("DIETARY") ? "Food needs" : sentence(code);
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
