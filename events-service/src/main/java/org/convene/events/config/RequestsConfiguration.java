package org.convene.events.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import org.convene.contracts.Topics;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.events.event.domain.EventService;
import org.convene.events.organisation.domain.Organisations;
import org.convene.events.request.domain.BookingRequestService;
import org.convene.events.request.domain.BookingRequests;
import org.convene.events.request.persistence.RequestRetention;
import org.convene.support.PeriodicTask;
import org.convene.support.outbox.OutboxProperties;
import org.convene.support.outbox.OutboxRelay;
import org.convene.support.outbox.OutboxWakeUps;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** Booking requests (ADR 14): the service, their topic's relay and the retention task. */
@Configuration(proxyBeanMethods = false)
class RequestsConfiguration {

    @Bean
    BookingRequestService bookingRequestService(
            BookingRequests requests,
            Organisations organisations,
            EventService events,
            Clock clock,
            @Value("${convene.requests.duplicate-window:24h}") Duration duplicateWindow,
            MeterRegistry meters) {
        return new BookingRequestService(requests, organisations, events, clock, duplicateWindow, meters);
    }

    /** Announces requests' changes on convene.requests.v1, keyed by request id, from their outboxes. */
    @Bean
    OutboxRelay<BookingRequestMessage> requestOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, BookingRequestMessage> kafka,
            OutboxWakeUps wakeUps,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "booking_requests",
                Topics.REQUESTS,
                BookingRequestMessage.class,
                BookingRequestMessage::messageId,
                BookingRequestMessage::requestId,
                properties,
                clock,
                meters);
    }

    @Bean
    PeriodicTask requestRetentionTask(
            RequestRetention retention, @Value("${convene.requests.retention-every:1h}") Duration every) {
        return new PeriodicTask("Request retention", Duration.ofSeconds(5), every, retention::run);
    }
}
