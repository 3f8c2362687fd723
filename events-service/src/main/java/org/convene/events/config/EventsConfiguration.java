package org.convene.events.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.Events;
import org.convene.events.organisation.domain.OrganisationService;
import org.convene.events.organisation.domain.Organisations;
import org.convene.support.outbox.OutboxProperties;
import org.convene.support.outbox.OutboxRelay;
import org.convene.support.outbox.OutboxWakeUps;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class EventsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Announces events' changes on convene.events.v1, keyed by event id, from their outboxes. */
    @Bean
    OutboxRelay<EventMessage> eventOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, EventMessage> kafka,
            OutboxWakeUps wakeUps,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "events",
                Topics.EVENTS,
                EventMessage.class,
                EventMessage::messageId,
                EventMessage::eventId,
                properties,
                clock,
                meters);
    }

    /** Announces organisations' changes on convene.organisations.v1, keyed by organisation id. */
    @Bean
    OutboxRelay<OrganisationMessage> organisationOutboxRelay(
            ReactiveMongoTemplate mongo,
            KafkaTemplate<String, OrganisationMessage> kafka,
            OutboxWakeUps wakeUps,
            OutboxProperties properties,
            Clock clock,
            MeterRegistry meters) {
        return new OutboxRelay<>(
                mongo,
                kafka,
                wakeUps,
                "organisations",
                Topics.ORGANISATIONS,
                OrganisationMessage.class,
                OrganisationMessage::messageId,
                OrganisationMessage::organisationId,
                properties,
                clock,
                meters);
    }

    @Bean
    OrganisationService organisationService(Organisations organisations) {
        return new OrganisationService(organisations);
    }

    @Bean
    EventService eventService(Events events, Clock clock, MeterRegistry meters) {
        return new EventService(events, clock, meters);
    }
}
