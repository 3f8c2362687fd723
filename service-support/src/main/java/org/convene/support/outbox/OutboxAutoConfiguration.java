package org.convene.support.outbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/** One {@link OutboxWakeUps} per service, shared by the code that writes outboxes and the relays. */
@AutoConfiguration
@ConditionalOnClass(ReactiveMongoTemplate.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OutboxWakeUps outboxWakeUps() {
        return new OutboxWakeUps();
    }
}
