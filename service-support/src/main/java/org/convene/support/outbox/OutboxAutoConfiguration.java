package org.convene.support.outbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** One {@link OutboxWakeUps} per service, shared by the code that writes outboxes and the relays. */
@AutoConfiguration
// Reactive services only: identity-service has Spring Data MongoDB without Reactor.
@ConditionalOnClass(value = ReactiveMongoTemplate.class, name = "reactor.core.publisher.Sinks")
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxWakeUps outboxWakeUps() {
        return new OutboxWakeUps();
    }
}
