package org.convene.notifications.delivery.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.registrant.domain.Registrant;
import org.convene.notifications.registrant.domain.RegistrantStatus;
import org.convene.notifications.registrant.domain.Registrants;
import org.convene.notifications.registrant.domain.RegistrationId;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class RescheduledEmailsTests {

    private static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");
    private static final EventId EVENT = new EventId("e-1");

    private final List<String> queued = new ArrayList<>();

    private final DeliveryQueue queue = new DeliveryQueue() {
        @Override
        public Mono<Void> reminder(EventId event, RegistrationId registration, Recipient to, Instant now) {
            return Mono.error(new AssertionError("no reminder"));
        }

        @Override
        public Mono<Void> rescheduled(
                String messageId,
                EventId event,
                RegistrationId registration,
                Recipient to,
                Instant now,
                String traceparent) {
            return Mono.fromRunnable(() -> queued.add(String.join(
                    " ",
                    messageId,
                    event.value(),
                    registration.value(),
                    to.email(),
                    to.language(),
                    String.valueOf(to.easyRead()),
                    now.toString(),
                    traceparent)));
        }

        @Override
        public Mono<Void> newsletterTest(
                String newsletterId, OrganisationId organisation, String organiserEmail, Instant at) {
            return Mono.error(new AssertionError("no newsletter"));
        }

        @Override
        public Mono<Void> subscriptionConfirmation(
                String subscriberId, OrganisationId organisation, Recipient to, String confirmLink, Instant askedAt) {
            return Mono.error(new AssertionError("no subscription"));
        }

        @Override
        public Mono<Void> forgetSubscriptionEmails(String subscriberId) {
            return Mono.error(new AssertionError("no subscription"));
        }
    };

    private static Registrant person(String id, RegistrantStatus status, String email) {
        return new Registrant(new RegistrationId(id), EVENT, email, "Name", status, null, 1, "cy", true);
    }

    private RescheduledEmails emailsFor(Registrant... people) {
        Registrants registrants = new Registrants() {
            @Override
            public Mono<Void> keep(Registrant registrant, boolean justDecided) {
                return Mono.error(new AssertionError("read only"));
            }

            @Override
            public Mono<Void> forget(RegistrationId registrationId) {
                return Mono.error(new AssertionError("read only"));
            }

            @Override
            public Flux<Registrant> concernedBy(EventId eventId) {
                return eventId.equals(EVENT) ? Flux.just(people) : Flux.empty();
            }

            @Override
            public Flux<Registrant> confirmedFor(EventId eventId) {
                return Flux.error(new AssertionError("everyone concerned, not only the confirmed"));
            }
        };
        return new RescheduledEmails(registrants, queue, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void everyoneConcernedWithAnAddressIsToldTheNewTimeInTheirOwnReading() {
        emailsFor(
                        person("r-1", RegistrantStatus.CONFIRMED, "ada@example.org"),
                        person("r-2", RegistrantStatus.WAITLISTED, "bo@example.org"))
                .rescheduled("m-1", EVENT, "00-trace")
                .block();

        assertThat(queued)
                .containsExactly(
                        "m-1 e-1 r-1 ada@example.org cy true " + NOW + " 00-trace",
                        "m-1 e-1 r-2 bo@example.org cy true " + NOW + " 00-trace");
    }

    @Test
    void nobodyWithoutAnAddressIsWrittenTo() {
        emailsFor(person("r-1", RegistrantStatus.CONFIRMED, null))
                .rescheduled("m-1", EVENT, null)
                .block();

        assertThat(queued).isEmpty();
    }
}
