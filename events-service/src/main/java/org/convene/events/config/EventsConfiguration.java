package org.convene.events.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.Events;
import org.convene.events.event.messaging.OutboxProperties;
import org.convene.events.organisation.domain.OrganisationService;
import org.convene.events.organisation.domain.Organisations;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxProperties.class)
class EventsConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
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
