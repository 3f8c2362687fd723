package org.convene.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real consumer that records everything published to a topic from the beginning, for tests that
 * assert what a service announced. Close it at the end of the test class.
 */
public final class TopicRecorder implements AutoCloseable {

    public record Received(String key, String value, int partition, long offset, Map<String, String> headers) {}

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    private TopicRecorder(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG,
                "recorder-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        poller = Thread.ofPlatform().daemon().name("topic-recorder-" + topic).start(this::poll);
    }

    public static TopicRecorder record(String bootstrapServers, String topic) {
        return new TopicRecorder(bootstrapServers, topic);
    }

    public static TopicRecorder record(String topic) {
        return record(TestInfrastructure.shared().kafkaBootstrapServers(), topic);
    }

    private void poll() {
        try {
            while (running) {
                consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                    var headers = new java.util.LinkedHashMap<String, String>();
                    record.headers()
                            .forEach(header -> headers.put(
                                    header.key(), new String(header.value(), java.nio.charset.StandardCharsets.UTF_8)));
                    received.add(
                            new Received(record.key(), record.value(), record.partition(), record.offset(), headers));
                });
            }
        } catch (WakeupException stopping) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /** Everything received so far with this key, in the order the broker holds it. */
    public List<Received> withKey(String key) {
        return new ArrayList<>(
                received.stream().filter(r -> key.equals(r.key())).toList());
    }

    public List<Received> all() {
        return List.copyOf(received);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(5_000);
    }
}
