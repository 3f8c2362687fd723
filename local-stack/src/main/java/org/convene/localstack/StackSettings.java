package org.convene.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Where the local stack keeps its data and which ports it listens on. Every value can be changed
 * with an environment variable, so a second stack or a test can run beside the default one.
 */
record StackSettings(
        Path home,
        Path dataDir,
        Path logDir,
        int kafkaPort,
        int kafkaControllerPort,
        int mongoPort,
        int smtpPort,
        int inboxPort,
        List<ServiceSpec> services) {

    /** One of the Spring Boot apps, launched from its module's jar. */
    record ServiceSpec(String name, String envPrefix, int port, String database) {

        Path jar(Path home) {
            return home.resolve(name).resolve("target").resolve(name + ".jar");
        }
    }

    static StackSettings fromEnvironment(Map<String, String> env) {
        var home =
                Path.of(env.getOrDefault("CONVENE_HOME", ".")).toAbsolutePath().normalize();
        var dataDir = resolve(home, env.getOrDefault("CONVENE_DATA_DIR", ".convene/data"));
        // Logs sit beside the default data folder, or inside a data folder chosen elsewhere.
        var defaultLogs = env.containsKey("CONVENE_DATA_DIR") ? dataDir.resolve("logs") : home.resolve(".convene/logs");
        var logDir = resolve(home, env.getOrDefault("CONVENE_LOG_DIR", defaultLogs.toString()));
        return new StackSettings(
                home,
                dataDir,
                logDir,
                port(env, "CONVENE_KAFKA_PORT", 9092),
                port(env, "CONVENE_KAFKA_CONTROLLER_PORT", 9093),
                port(env, "CONVENE_MONGO_PORT", 27017),
                port(env, "CONVENE_SMTP_PORT", 2525),
                port(env, "CONVENE_INBOX_PORT", 8025),
                List.of(
                        new ServiceSpec(
                                "events-service",
                                "CONVENE_EVENTS",
                                port(env, "CONVENE_EVENTS_PORT", 8081),
                                "convene-events"),
                        new ServiceSpec(
                                "registrations-service",
                                "CONVENE_REGISTRATIONS",
                                port(env, "CONVENE_REGISTRATIONS_PORT", 8082),
                                "convene-registrations"),
                        new ServiceSpec(
                                "notifications-service",
                                "CONVENE_NOTIFICATIONS",
                                port(env, "CONVENE_NOTIFICATIONS_PORT", 8083),
                                "convene-notifications"),
                        new ServiceSpec(
                                "identity-service",
                                "CONVENE_IDENTITY",
                                port(env, "CONVENE_IDENTITY_PORT", 9000),
                                "convene-identity"),
                        new ServiceSpec("web", "CONVENE_WEB", port(env, "CONVENE_WEB_PORT", 8084), null),
                        new ServiceSpec("gateway", "CONVENE_GATEWAY", port(env, "CONVENE_GATEWAY_PORT", 8080), null)));
    }

    ServiceSpec service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    /** Every port the stack needs, with what uses it and how to move it, for a clear message when one is taken. */
    Map<String, Integer> portsByOwner() {
        var ports = new java.util.LinkedHashMap<String, Integer>();
        ports.put("Kafka broker (CONVENE_KAFKA_PORT)", kafkaPort);
        ports.put("Kafka controller (CONVENE_KAFKA_CONTROLLER_PORT)", kafkaControllerPort);
        ports.put("MongoDB-wire store (CONVENE_MONGO_PORT)", mongoPort);
        ports.put("SMTP server (CONVENE_SMTP_PORT)", smtpPort);
        ports.put("dev inbox (CONVENE_INBOX_PORT)", inboxPort);
        services.forEach(s -> ports.put(s.name() + " (" + s.envPrefix() + "_PORT)", s.port()));
        return ports;
    }

    void createDirectories() throws java.io.IOException {
        Files.createDirectories(dataDir);
        Files.createDirectories(logDir);
    }

    private static Path resolve(Path home, String path) {
        return home.resolve(path).toAbsolutePath().normalize();
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        var value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StackException(name + " must be a port number between 1 and 65535, not '" + value + "'");
        }
    }
}
