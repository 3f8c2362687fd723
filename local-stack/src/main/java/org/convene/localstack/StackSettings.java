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
        String bindAddress,
        List<ServiceSpec> services) {

    /**
     * One of the Spring Boot apps, launched from its module's jar. Its health and metrics are on
     * {@code managementPort} (loopback only), never on {@code port}. Only the {@code reachable} ones (the
     * gateway, and identity-service for sign-in) listen on every interface; the rest on
     * {@link #bindAddress()}, loopback unless told otherwise, so nobody on the network goes around the
     * gateway's limits.
     */
    record ServiceSpec(
            String name, String envPrefix, int port, int managementPort, String database, boolean reachable) {

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
                bindAddress(env),
                List.of(
                        service(env, "events-service", "CONVENE_EVENTS", 8081, "convene-events", false),
                        service(
                                env,
                                "registrations-service",
                                "CONVENE_REGISTRATIONS",
                                8082,
                                "convene-registrations",
                                false),
                        service(
                                env,
                                "notifications-service",
                                "CONVENE_NOTIFICATIONS",
                                8083,
                                "convene-notifications",
                                false),
                        service(env, "identity-service", "CONVENE_IDENTITY", 9000, "convene-identity", true),
                        service(env, "web", "CONVENE_WEB", 8084, null, false),
                        service(env, "gateway", "CONVENE_GATEWAY", 8080, null, true)));
    }

    /**
     * A service's ports: {@code <PREFIX>_PORT}, and {@code <PREFIX>_MANAGEMENT_PORT}, which is the public
     * port + 1000 unless given (so a stack moved to other ports moves its management ports too; a caller
     * choosing free ports chooses both).
     */
    private static ServiceSpec service(
            Map<String, String> env, String name, String prefix, int defaultPort, String database, boolean reachable) {
        int port = port(env, prefix + "_PORT", defaultPort);
        int management = port(env, prefix + "_MANAGEMENT_PORT", Math.min(port + 1000, 65535));
        return new ServiceSpec(name, prefix, port, management, database, reachable);
    }

    /** Where the services that are not meant to be reached from the network listen: loopback by default. */
    private static String bindAddress(Map<String, String> env) {
        var value = env.get("CONVENE_BIND_ADDRESS");
        return value == null || value.isBlank() ? "127.0.0.1" : value.trim();
    }

    /**
     * What the launcher tells a service about where to listen: its management port, and, unless it is one
     * people reach directly (the gateway, identity-service's sign-in), the address it binds to.
     */
    Map<String, String> listeningEnvironment(ServiceSpec spec) {
        var environment = new java.util.LinkedHashMap<String, String>();
        environment.put("SERVER_PORT", String.valueOf(spec.port()));
        environment.put("CONVENE_MANAGEMENT_PORT", String.valueOf(spec.managementPort()));
        if (!spec.reachable()) {
            environment.put("SERVER_ADDRESS", bindAddress);
        }
        return environment;
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
        services.forEach(s ->
                ports.put(s.name() + "'s management port (" + s.envPrefix() + "_MANAGEMENT_PORT)", s.managementPort()));
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
