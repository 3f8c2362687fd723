package org.convene.support.outbox;

import io.micrometer.tracing.Tracer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Lets {@link OutboxTrace} read the current span wherever an outbox is written. */
@AutoConfiguration
@ConditionalOnClass(Tracer.class)
public class OutboxTraceAutoConfiguration {

    @Bean
    SmartInitializingSingleton outboxTraceInitializer(ObjectProvider<Tracer> tracer) {
        return () -> tracer.ifAvailable(OutboxTrace::use);
    }
}
