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
        int replicas,
        List<ServiceSpec> services) {

    /** The most instances of each service {@code --replicas} starts: each takes ports 100 above the one before. */
    static final int MAX_REPLICAS = 8;

    /** How far apart the ports of one service's instances are, unless each is given. */
    static final int REPLICA_PORT_STEP = 100;

    /**
     * One of the Spring Boot apps, launched from its module's jar. Its health and metrics are on
     * {@code managementPort} (loopback only), never on {@code port}. Only the {@code reachable} ones (the
     * gateway, and identity-service for sign-in) listen on every interface; the rest on
     * {@link #bindAddress()}, loopback unless told otherwise, so nobody on the network goes around the
     * gateway's limits. With several replicas, each instance ({@code instance} 1, 2, ...) is its own spec
     * with ports of its own; the first keeps the service's plain name.
     */
    record ServiceSpec(
            String name,
            String envPrefix,
            int port,
            int managementPort,
            String database,
            boolean reachable,
            int instance) {

        ServiceSpec(String name, String envPrefix, int port, int managementPort, String database, boolean reachable) {
            this(name, envPrefix, port, managementPort, database, reachable, 1);
        }

        Path jar(Path home) {
            return home.resolve(name).resolve("target").resolve(name + ".jar");
        }

        /** {@code gateway} for the first instance, {@code gateway-2} for the second: its log file and process. */
        String instanceName() {
            return instance == 1 ? name : name + "-" + instance;
        }
    }

    static StackSettings fromEnvironment(Map<String, String> env) {
        var home =
                Path.of(env.getOrDefault("CONVENE_HOME", ".")).toAbsolutePath().normalize();
        var dataDir = resolve(home, env.getOrDefault("CONVENE_DATA_DIR", ".convene/data"));
        // Logs sit beside the default data folder, or inside a data folder chosen elsewhere.
        var defaultLogs = env.containsKey("CONVENE_DATA_DIR") ? dataDir.resolve("logs") : home.resolve(".convene/logs");
        var logDir = resolve(home, env.getOrDefault("CONVENE_LOG_DIR", defaultLogs.toString()));
        int replicas = replicas(env);
        var services = new java.util.ArrayList<ServiceSpec>();
        for (int instance = 1; instance <= replicas; instance++) {
            services.add(service(env, "events-service", "CONVENE_EVENTS", 8081, "convene-events", false, instance));
            services.add(service(
                    env,
                    "registrations-service",
                    "CONVENE_REGISTRATIONS",
                    8082,
                    "convene-registrations",
                    false,
                    instance));
            services.add(service(
                    env,
                    "notifications-service",
                    "CONVENE_NOTIFICATIONS",
                    8083,
                    "convene-notifications",
                    false,
                    instance));
            services.add(
                    service(env, "identity-service", "CONVENE_IDENTITY", 9000, "convene-identity", true, instance));
            services.add(service(env, "web", "CONVENE_WEB", 8084, null, false, instance));
            services.add(service(env, "gateway", "CONVENE_GATEWAY", 8080, null, true, instance));
        }
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
                replicas,
                List.copyOf(services));
    }

    /** {@code CONVENE_REPLICAS} (or {@code ./convene run --replicas N}): instances of every service, 1 by default. */
    private static int replicas(Map<String, String> env) {
        var value = env.get("CONVENE_REPLICAS");
        if (value == null || value.isBlank()) {
            return 1;
        }
        try {
            int replicas = Integer.parseInt(value.trim());
            if (replicas < 1 || replicas > MAX_REPLICAS) {
                throw new NumberFormatException();
            }
            return replicas;
        } catch (NumberFormatException e) {
            throw new StackException("CONVENE_REPLICAS (--replicas) must be a whole number from 1 to " + MAX_REPLICAS
                    + ", not '" + value + "'");
        }
    }

    /**
     * A service's ports: {@code <PREFIX>_PORT}, and {@code <PREFIX>_MANAGEMENT_PORT}, which is the public
     * port + 1000 unless given (so a stack moved to other ports moves its management ports too; a caller
     * choosing free ports chooses both). Instance {@code k} of several uses {@code <PREFIX>_PORT_k} and
     * {@code <PREFIX>_MANAGEMENT_PORT_k} when given, else the first instance's ports + 100 × (k - 1).
     */
    private static ServiceSpec service(
            Map<String, String> env,
            String name,
            String prefix,
            int defaultPort,
            String database,
            boolean reachable,
            int instance) {
        int port = port(env, prefix + "_PORT", defaultPort);
        int management = port(env, prefix + "_MANAGEMENT_PORT", Math.min(port + 1000, 65535));
        if (instance > 1) {
            int offset = REPLICA_PORT_STEP * (instance - 1);
            port = port(env, prefix + "_PORT_" + instance, Math.min(port + offset, 65535));
            management = port(env, prefix + "_MANAGEMENT_PORT_" + instance, Math.min(management + offset, 65535));
        }
        return new ServiceSpec(name, prefix, port, management, database, reachable, instance);
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

    /** The first instance of a service: the one whose address the stack prints and links lead to. */
    ServiceSpec service(String name) {
        return instance(name, 1);
    }

    /** Instance {@code instance} (1, 2, ...) of a service. */
    ServiceSpec instance(String name, int instance) {
        return services.stream()
                .filter(s -> s.name().equals(name) && s.instance() == instance)
                .findFirst()
                .orElseThrow();
    }

    /** Every instance of a service, the first first. */
    List<ServiceSpec> instances(String name) {
        return services.stream().filter(s -> s.name().equals(name)).toList();
    }

    /** Every port the stack needs, with what uses it and how to move it, for a clear message when one is taken. */
    Map<String, Integer> portsByOwner() {
        var ports = new java.util.LinkedHashMap<String, Integer>();
        ports.put("Kafka broker (CONVENE_KAFKA_PORT)", kafkaPort);
        ports.put("Kafka controller (CONVENE_KAFKA_CONTROLLER_PORT)", kafkaControllerPort);
        ports.put("MongoDB-wire store (CONVENE_MONGO_PORT)", mongoPort);
        ports.put("SMTP server (CONVENE_SMTP_PORT)", smtpPort);
        ports.put("dev inbox (CONVENE_INBOX_PORT)", inboxPort);
        services.forEach(s -> ports.put(s.instanceName() + " (" + s.envPrefix() + "_PORT" + suffix(s) + ")", s.port()));
        services.forEach(s -> ports.put(
                s.instanceName() + "'s management port (" + s.envPrefix() + "_MANAGEMENT_PORT" + suffix(s) + ")",
                s.managementPort()));
        return ports;
    }

    private static String suffix(ServiceSpec spec) {
        return spec.instance() == 1 ? "" : "_" + spec.instance();
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
