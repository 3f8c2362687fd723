package org.convene.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.convene.contracts.Topics;

/**
 * A real Apache Kafka broker in KRaft mode (combined broker and controller, one node) on fixed
 * ports, its log on disk so messages survive a restart. The local stack runs on it, and fault
 * tests stop and restart it to prove nothing is lost while it is away.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    public static KafkaBroker start(Path logDir, int port, int controllerPort) throws Exception {
        return start(logDir, port, controllerPort, Topics.PARTITIONS);
    }

    /**
     * As {@link #start(Path, int, int)}, with every topic holding at least {@code partitions} partitions:
     * created so, or grown at start when an existing one has fewer (a stack started again with more
     * instances). Growing moves where new messages of a key go; ordering per event holds from then on, as
     * each consumer is idempotent and version-gated (ADR 9) for what was already in flight.
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort, int partitions) throws Exception {
        Files.createDirectories(logDir);
        var properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", "1");
        properties.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        properties.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDir.toString());
        properties.put("num.partitions", String.valueOf(partitions));
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "6");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created on purpose, so a misspelt topic name fails loudly instead of creating a new topic.
        properties.put("auto.create.topics.enable", "false");

        format(logDir);
        var server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        var broker = new KafkaBroker(server, "127.0.0.1:" + port);
        broker.createTopics(Topics.all(), partitions);
        return broker;
    }

    /** Formats the log folder on first start only; a formatted folder keeps its cluster id and data. */
    private static void format(Path logDir) throws Exception {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDir.toString())
                .setDirectories(List.of(logDir.toString()))
                .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .setIgnoreFormatted(true)
                .run();
    }

    private void createTopics(List<String> names, int partitions) throws Exception {
        var config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (var admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            var missing = names.stream()
                    .filter(name -> !existing.contains(name))
                    .map(name -> new NewTopic(name, partitions, (short) 1))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            }
            var present = names.stream().filter(existing::contains).toList();
            if (present.isEmpty()) {
                return;
            }
            Map<String, NewPartitions> growing = new HashMap<>();
            admin.describeTopics(present)
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((name, topic) -> {
                        if (topic.partitions().size() < partitions) {
                            growing.put(name, NewPartitions.increaseTo(partitions));
                        }
                    });
            if (!growing.isEmpty()) {
                admin.createPartitions(growing).all().get(30, TimeUnit.SECONDS);
                awaitPartitions(admin, growing.keySet(), partitions);
            }
        }
    }

    /**
     * The controller has accepted the new partitions when {@code createPartitions} returns, but the broker
     * learns of them a moment later; services started before then would be given the old count.
     */
    private static void awaitPartitions(Admin admin, Set<String> topics, int partitions) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            boolean grown = admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS).values().stream()
                    .allMatch(topic -> topic.partitions().size() >= partitions);
            if (grown) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "Topics " + topics + " were not grown to " + partitions + " partitions within 30 seconds");
            }
            Thread.sleep(100);
        }
    }

    /** How many partitions a topic has (what {@link #start(Path, int, int, int)} created or grew it to). */
    public int partitionsOf(String topic) throws Exception {
        var config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (var admin = Admin.create(config)) {
            return admin.describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
