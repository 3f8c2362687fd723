package org.convene.notifications.delivery.sending;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import org.convene.notifications.delivery.persistence.Deliveries;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.persistence.EventView;
import org.convene.notifications.event.persistence.EventViews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends due deliveries. SMTP is blocking, so it runs on a small bounded scheduler. A transient
 * failure (server away, 4xx) is retried with exponential backoff; a permanent one (5xx for the
 * address) is marked failed at once; after too many attempts a delivery is marked failed and
 * counted, visible to operators. Each delivery has a stable Message-ID, so a resend after a crash
 * between sending and recording can be recognised by the receiving side.
 */
@Component
public class DeliverySender {

    private static final Logger log = LoggerFactory.getLogger(DeliverySender.class);
    private static final int MAX_ATTEMPTS = 10;
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, h:mm a", Locale.UK);

    private final Deliveries deliveries;
    private final EventViews events;
    private final EmailTemplates templates;
    private final JavaMailSender mail;
    private final Clock clock;
    private final MeterRegistry meters;
    private final String from;
    private final Scheduler smtp = Schedulers.newBoundedElastic(4, 1_000, "smtp");

    public DeliverySender(
            Deliveries deliveries,
            EventViews events,
            EmailTemplates templates,
            JavaMailSender mail,
            Clock clock,
            MeterRegistry meters,
            @Value("${convene.mail.from:Convene <no-reply@convene.local>}") String from) {
        this.deliveries = deliveries;
        this.events = events;
        this.templates = templates;
        this.mail = mail;
        this.clock = clock;
        this.meters = meters;
        this.from = from;
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

    private Mono<Void> send(Delivery delivery) {
        return events.find(delivery.eventId())
                .flatMap(event -> Mono.fromCallable(() -> {
                            mail.send(message(delivery, event));
                            return true;
                        })
                        .subscribeOn(smtp)
                        .then(deliveries.markSent(delivery.id(), clock.instant()))
                        .doOnSuccess(done -> count(delivery, "sent"))
                        .onErrorResume(MailException.class, e -> failed(delivery, e)))
                // The event is not known here yet (its message is still on its way): try again shortly.
                .switchIfEmpty(Mono.defer(() -> deliveries.retryLater(
                        delivery.id(), delivery.attempts(), clock.instant().plusSeconds(2), "event not known yet")));
    }

    private Mono<Void> failed(Delivery delivery, Throwable e) {
        var attempts = delivery.attempts() + 1;
        var permanent = isPermanent(e);
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

    /** 5xx for the recipient means the address will never work; anything else may pass later. */
    private static boolean isPermanent(Throwable e) {
        if (!(e instanceof MailException)) {
            return false;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // The SMTP reply leads the message of the server's refusal, e.g. "550 5.1.1 no such user".
            if (cause instanceof jakarta.mail.SendFailedException
                    && String.valueOf(cause.getMessage()).matches("(?s)^5\\d\\d\\b.*")) {
                return true;
            }
            if (cause instanceof jakarta.mail.MessagingException messaging && messaging.getNextException() != null) {
                if (String.valueOf(messaging.getNextException().getMessage()).matches("(?s)^5\\d\\d\\b.*")) {
                    return true;
                }
            }
        }
        return false;
    }

    private MimeMessage message(Delivery delivery, EventView event) throws MessagingException {
        var zone = java.time.ZoneId.of(event.timeZone());
        var model = new HashMap<String, Object>();
        model.put("name", delivery.recipientName());
        model.put("title", event.title());
        model.put("when", WHEN.format(event.startsAt().atZone(zone)));
        model.put("timeZone", zone.getId());
        model.put("online", event.online());
        model.put("onlineLink", event.onlineLink());
        model.put("venueName", event.venueName());
        model.put("venueAddress", event.venueAddress());
        model.put("venuePostcode", event.venuePostcode());
        model.put("accessibility", event.accessibility());
        model.put("seats", delivery.seats());
        model.put("companions", delivery.companions());
        model.put("position", delivery.waitlistPosition());
        model.put("manageLink", delivery.manageLink());
        model.put("support", delivery.supportRequested());
        var subject = switch (delivery.kind()) {
            case "confirmation" -> "You're booked: " + event.title();
            case "waitlisted" -> "You're on the waiting list: " + event.title();
            case "promoted" -> "A place came up for you: " + event.title();
            default -> "Your place is cancelled: " + event.title();
        };
        var rendered = templates.render(delivery.kind(), subject, model);
        var message = new StableIdMessage(
                Session.getInstance(new java.util.Properties()),
                "<" + delivery.id().replace(':', '.') + "@convene>");
        var helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(delivery.recipient());
        // Subjects come from our templates and event titles; line breaks never reach a header.
        helper.setSubject(subject.replaceAll("[\\r\\n]+", " "));
        helper.setText(rendered.text(), rendered.html());
        if (delivery.kind().equals("confirmation") || delivery.kind().equals("promoted")) {
            helper.addAttachment(
                    "event.ics",
                    new ByteArrayResource(EventIcs.of(event).getBytes(StandardCharsets.UTF_8)),
                    "text/calendar; charset=UTF-8");
        }
        return message;
    }

    private void count(Delivery delivery, String outcome) {
        meters.counter("convene.emails", "kind", delivery.kind(), "outcome", outcome)
                .increment();
    }

    /** Keeps the Message-ID we chose instead of a fresh one per send attempt. */
    private static final class StableIdMessage extends MimeMessage {
        private final String id;

        StableIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
