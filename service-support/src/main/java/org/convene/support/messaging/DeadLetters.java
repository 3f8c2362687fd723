package org.convene.support.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A message that cannot be processed is retried a few times with backoff, then set aside on the
 * topic's dead-letter topic ({@code <topic>.dlt}, same partition) and counted, so it never blocks
 * the messages behind it. Unreadable bytes go there as they arrived.
 */
@AutoConfiguration(afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@org.springframework.boot.autoconfigure.condition.ConditionalOnClass(KafkaTemplate.class)
@org.springframework.boot.autoconfigure.condition.ConditionalOnBean(ProducerFactory.class)
public class DeadLetters {

    /** The same convention as contracts' Topics.deadLetterOf: every consumer's poison goes to {@code <topic>.dlt}. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(CommonErrorHandler.class)
    CommonErrorHandler deadLetteringErrorHandler(
            KafkaTemplate<Object, Object> messages, ProducerFactory<Object, Object> producers, MeterRegistry meters) {
        var rawConfig = new LinkedHashMap<>(producers.getConfigurationProperties());
        var raw = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<>(rawConfig, new StringSerializer(), new ByteArraySerializer()));
        Map<Class<?>, KafkaOperations<?, ?>> templates = new LinkedHashMap<>();
        templates.put(byte[].class, raw);
        templates.put(Object.class, messages);
        var recoverer = new DeadLetterPublishingRecoverer(templates, (record, failure) -> {
            meters.counter("convene.messages.dead.lettered", "topic", record.topic())
                    .increment();
            log.warn(
                    "Setting aside message at {}-{}@{} after retries: {}",
                    record.topic(),
                    record.partition(),
                    record.offset(),
                    failure.getClass().getSimpleName());
            return new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, record.partition());
        });
        var backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxElapsedTime(3_000);
        return new DefaultErrorHandler(recoverer, backOff);
    }
}
