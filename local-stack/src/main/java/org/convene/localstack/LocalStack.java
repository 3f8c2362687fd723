package org.convene.localstack;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.convene.embedded.KafkaBroker;

/**
 * The embedded default: a real Kafka broker, the Mongo-wire store on disk, an SMTP server with a
 * dev inbox, the identity provider and the four services, each in its own JVM. Ctrl-C stops them in
 * reverse order.
 */
public final class LocalStack {

    /**
     * How long a service (each wave of them, with replicas) may take to become ready: 180 s, or
     * {@code CONVENE_START_TIMEOUT} seconds on a machine busier than that allows.
     */
    private static final Duration START_TIMEOUT = startTimeout(System.getenv("CONVENE_START_TIMEOUT"));

    private final StackSettings settings;
    private IdentitySecrets secrets;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private FaultDrills drills;

    LocalStack(StackSettings settings) {
        this.settings = settings;
    }

    public static void main(String[] args) {
        long started = System.nanoTime();
        StackSettings settings;
        try {
            settings = StackSettings.fromEnvironment(withArguments(System.getenv(), args));
            settings.createDirectories();
        } catch (StackException e) {
            fail(e.getMessage());
            return;
        } catch (java.io.IOException e) {
            fail("Cannot create the data folder: " + e.getMessage());
            return;
        }
        // Before any logger exists: the infrastructure logs to a file, the console is for people.
        System.setProperty("convene.log.dir", settings.logDir().toString());

        var stack = new LocalStack(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "convene-stop"));
        try {
            stack.start();
        } catch (StackException e) {
            fail(e.getMessage());
        } catch (Exception e) {
            fail("Start-up failed: " + e + " (details in " + settings.logDir().resolve("infrastructure.log") + ")");
        }
        stack.printReady(Duration.ofNanos(System.nanoTime() - started));
        Thread.ofVirtual().name("convene-supervisor").start(stack::supervise);
        if (FaultDrills.enabled(System.getenv())) {
            Thread.ofVirtual().name("convene-drills").start(() -> stack.drills.readCommands(System.in));
        }
        stack.awaitStop();
    }

    static Duration startTimeout(String seconds) {
        if (seconds == null || seconds.isBlank()) {
            return Duration.ofSeconds(180);
        }
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(seconds.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(180);
        }
    }

    /**
     * The launcher's arguments ({@code ./convene run --replicas N}) as the environment variables they stand
     * for; an argument wins over the variable.
     */
    static Map<String, String> withArguments(Map<String, String> environment, String[] args) {
        var merged = new HashMap<>(environment);
        for (int i = 0; i < args.length; i++) {
            var argument = args[i];
            if (argument.startsWith("--replicas=")) {
                merged.put("CONVENE_REPLICAS", argument.substring("--replicas=".length()));
            } else if (argument.equals("--replicas") && i + 1 < args.length) {
                merged.put("CONVENE_REPLICAS", args[++i]);
            } else {
                throw new StackException("Unknown argument '" + argument + "'. Usage: ./convene run [--replicas N]");
            }
        }
        return merged;
    }

    void start() throws Exception {
        Ports.requireFree(settings.portsByOwner());
        say("Starting Convene (data in " + settings.dataDir() + ", logs in " + settings.logDir() + ")");
        secrets = IdentitySecrets.loadOrCreate(settings.dataDir(), System.getenv());
        // After a build, each service's jar is extracted once; all at once, beside the broker's start.
        var extracting = Thread.ofVirtual()
                .start(() -> ExtractedJar.prepareAll(settings.services().stream()
                        .filter(spec -> spec.instance() == 1)
                        .map(spec -> Map.entry(spec.name(), spec.jar(settings.home())))
                        .toList()));

        var kafka = new RestartablePart(
                "kafka",
                "Kafka broker",
                () -> KafkaBroker.start(
                        settings.dataDir().resolve("kafka"),
                        settings.kafkaPort(),
                        settings.kafkaControllerPort(),
                        // Each instance of a consumer needs a partition of its own to have work.
                        Math.max(org.convene.contracts.Topics.PARTITIONS, settings.replicas())));
        kafka.start();
        running.push(kafka);
        say("  Kafka broker ready at " + kafkaBootstrapServers());

        var mongo = new RestartablePart(
                "store", "Store", () -> MongoStore.start(settings.dataDir().resolve("mongo"), settings.mongoPort()));
        mongo.start();
        running.push(mongo);
        say("  MongoDB-wire store ready at " + MongoStore.uri(settings.mongoPort(), ""));

        var inbox = DevInbox.start(settings.smtpPort(), settings.inboxPort());
        running.push(inbox);
        say("  SMTP server ready at 127.0.0.1:" + settings.smtpPort());
        var smtp = new RestartablePart("smtp", "SMTP server", () -> {
            inbox.startSmtp();
            return inbox::stopSmtp;
        });
        smtp.start();
        drills = new FaultDrills(List.of(kafka, mongo, smtp), LocalStack::say);

        extracting.join();
        // With several replicas, one wave per instance number: ten JVMs starting at once on two cores starve
        // each other past the start time-out; one wave after the other each has the cores to itself.
        for (int instance = 1; instance <= settings.replicas(); instance++) {
            int wave = instance;
            var backends = settings.services().stream()
                    .filter(s -> !s.name().equals("gateway") && s.instance() == wave)
                    .toList();
            startAndAwait(backends);
        }
        // The gateway last: when it is ready, everything behind it is too.
        startAndAwait(settings.instances("gateway"));
    }

    private void startAndAwait(List<StackSettings.ServiceSpec> specs) throws Exception {
        var processes = specs.stream().map(this::startService).toList();
        var deadline = Instant.now().plus(START_TIMEOUT);
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try (var waiting = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Object>> ready = processes.stream()
                    .map(process -> waiting.submit(() -> {
                        process.awaitReady(http, deadline);
                        say("  " + process.name() + " ready at http://localhost:" + process.port());
                        return null;
                    }))
                    .toList();
            for (var future : ready) {
                try {
                    future.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof StackException stackProblem) {
                        throw stackProblem;
                    }
                    throw e;
                }
            }
        }
    }

    private String kafkaBootstrapServers() {
        return "127.0.0.1:" + settings.kafkaPort();
    }

    private ServiceProcess startService(StackSettings.ServiceSpec spec) {
        Map<String, String> environment = new HashMap<>();
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
        if (spec.database() != null) {
            environment.put("SPRING_MONGODB_URI", MongoStore.uri(settings.mongoPort(), spec.database()));
        }
        environment.put("SPRING_MAIL_HOST", "127.0.0.1");
        environment.put("SPRING_MAIL_PORT", String.valueOf(settings.smtpPort()));
        if (settings.replicas() == 1) {
            settings.services()
                    .forEach(other -> environment.put(
                            "CONVENE_GATEWAY_"
                                    + other.name().replace("-service", "").toUpperCase() + "_URI",
                            "http://127.0.0.1:" + other.port()));
        } else {
            environment.putAll(balancedRoutes());
            // Every instance behind the gateway answers its readiness on its own port too (/readyz), which
            // is where the gateway's load balancer asks (one port for all in its health check).
            if (!spec.name().equals("gateway")) {
                environment.put("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ADD_ADDITIONAL_PATHS", "true");
            }
        }
        // The pages call the services' APIs directly, as the gateway does: each instance of web calls the
        // instance of each service with its own number (no load balancer in web; see ADR 18).
        settings.services().stream()
                .filter(other -> other.database() != null && other.instance() == spec.instance())
                .forEach(other -> environment.put(other.envPrefix() + "_URI", "http://127.0.0.1:" + other.port()));
        environment.putAll(identityEnvironment(spec));
        if (spec.name().equals("gateway")) {
            environment.putAll(sessionStore());
        }
        // Links in emails and calendar entries lead to this stack's gateway, whatever its port.
        environment.put(
                "CONVENE_PUBLIC_BASE_URL",
                "http://localhost:" + settings.service("gateway").port());
        if (spec.name().equals("events-service")) {
            // The demo organisation the identity service seeds organisers for, so its events,
            // alerts and newsletter work from the first run.
            environment.put("CONVENE_EVENTS_SEED_ORGANISATIONS", "demo=Demo organisation <team@demo.convene.test>");
        }
        if (spec.name().equals("notifications-service")) {
            // Webhooks to a receiver on this machine (http://localhost:…) while trying Convene out; a real
            // deployment leaves both off (ADR 17). The operator's own setting wins.
            environment.put(
                    "CONVENE_WEBHOOKS_ALLOW_PRIVATE_NETWORK",
                    System.getenv().getOrDefault("CONVENE_WEBHOOKS_ALLOW_PRIVATE_NETWORK", "true"));
            environment.put(
                    "CONVENE_WEBHOOKS_HTTP_ALLOWED_HOSTS",
                    System.getenv().getOrDefault("CONVENE_WEBHOOKS_HTTP_ALLOWED_HOSTS", "localhost,127.0.0.1"));
        }
        try {
            environment.putAll(settings.listeningEnvironment(spec));
            var process = ServiceProcess.start(
                    spec.instanceName(),
                    spec.name(),
                    spec.jar(settings.home()),
                    spec.port(),
                    spec.managementPort(),
                    environment,
                    settings.logDir());
            synchronized (running) {
                running.push(process);
            }
            return process;
        } catch (java.io.IOException e) {
            throw new StackException("Cannot start " + spec.instanceName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where the gateways keep signed-in sessions (ADR 18): in Redis when {@code CONVENE_REDIS_URL} names one;
     * else, with several gateways, in the stack's own store (Spring Session for MongoDB), so any gateway
     * serves any browser and a gateway dying signs nobody out; with one gateway, in its memory as always.
     */
    private Map<String, String> sessionStore() {
        var redis = System.getenv("CONVENE_REDIS_URL");
        if (redis != null && !redis.isBlank()) {
            return Map.of("CONVENE_GATEWAY_SESSION_STORE", "redis", "SPRING_DATA_REDIS_URL", redis.trim());
        }
        if (settings.replicas() > 1) {
            return Map.of(
                    "CONVENE_GATEWAY_SESSION_STORE",
                    "mongodb",
                    "SPRING_MONGODB_URI",
                    MongoStore.uri(settings.mongoPort(), "convene-gateway"));
        }
        return Map.of();
    }

    /**
     * With several instances, each gateway route goes to {@code lb://<service>} and the gateway's simple
     * discovery client lists every instance (by its public port; the gateway's load balancer skips those
     * whose readiness does not answer). Passed as {@code SPRING_APPLICATION_JSON}: a list of instances under
     * a map key with a dash does not bind from plain environment variables.
     */
    private Map<String, String> balancedRoutes() {
        Map<String, String> environment = new HashMap<>();
        var instances = new StringBuilder();
        for (var service : List.of("events-service", "registrations-service", "notifications-service", "web")) {
            environment.put(
                    "CONVENE_GATEWAY_" + service.replace("-service", "").toUpperCase() + "_URI", "lb://" + service);
            if (!instances.isEmpty()) {
                instances.append(',');
            }
            instances.append('"').append(service).append("\":[");
            instances.append(String.join(
                    ",",
                    settings.instances(service).stream()
                            .map(instance -> "{\"uri\":\"http://127.0.0.1:" + instance.port() + "\"}")
                            .toList()));
            instances.append(']');
        }
        environment.put("CONVENE_GATEWAY_DISCOVERY", "true");
        environment.put(
                "SPRING_APPLICATION_JSON",
                "{\"spring\":{\"cloud\":{\"discovery\":{\"client\":{\"simple\":{\"instances\":{" + instances
                        + "}}}}}}}");
        return environment;
    }

    /**
     * What each service needs to know about sign-in. Every service validates tokens itself against
     * the identity provider's keys (issuer, audience); only the identity provider and the gateway
     * get the secrets they use.
     */
    private Map<String, String> identityEnvironment(StackSettings.ServiceSpec spec) {
        // Each instance asks the identity instance with its own number for the signing keys (all share them
        // through the store); the issuer, which browsers and API clients use, is the first instance's address.
        var identity = settings.instance("identity-service", spec.instance());
        var gateways = settings.instances("gateway");
        var issuer = issuer();
        Map<String, String> environment = new HashMap<>();
        switch (spec.name()) {
            case "identity-service" -> {
                environment.put("CONVENE_IDENTITY_ISSUER", issuer);
                environment.put("CONVENE_IDENTITY_DEMO", "true");
                environment.put("CONVENE_DEMO_ORGANISER_PASSWORD", secrets.organiserPassword());
                environment.put("CONVENE_DEMO_CLIENT_SECRET", secrets.clientSecret());
                environment.put("CONVENE_GATEWAY_CLIENT_SECRET", secrets.gatewayClientSecret());
                // The browser may use either name for this machine, and sign in through any gateway.
                environment.put(
                        "CONVENE_GATEWAY_REDIRECT_URIS",
                        String.join(
                                ",",
                                gateways.stream()
                                        .map(gateway ->
                                                "http://localhost:%1$d/login/oauth2/code/convene,http://127.0.0.1:%1$d/login/oauth2/code/convene"
                                                        .formatted(gateway.port()))
                                        .toList()));
                environment.put(
                        "CONVENE_GATEWAY_POST_LOGOUT_REDIRECT_URIS",
                        String.join(
                                ",",
                                gateways.stream()
                                        .map(gateway -> "http://localhost:%1$d/,http://127.0.0.1:%1$d/"
                                                .formatted(gateway.port()))
                                        .toList()));
            }
            case "gateway" -> {
                environment.put("CONVENE_OIDC_ISSUER_URI", issuer);
                environment.put("CONVENE_GATEWAY_CLIENT_SECRET", secrets.gatewayClientSecret());
            }
            default -> {
                environment.put("CONVENE_OIDC_JWK_SET_URI", "http://127.0.0.1:" + identity.port() + "/oauth2/jwks");
                environment.put("CONVENE_OIDC_ISSUER", issuer);
                environment.put("CONVENE_OIDC_AUDIENCE", "convene");
                if (spec.name().equals("registrations-service")) {
                    // Every instance, and every restart, makes the same manage link for a registration.
                    environment.put("CONVENE_MANAGE_TOKEN_SECRET", secrets.manageTokenSecret());
                }
            }
        }
        return environment;
    }

    private String issuer() {
        return "http://localhost:" + settings.service("identity-service").port();
    }

    private void printReady(Duration startup) {
        var gateway = settings.service("gateway");
        var lines = new StringBuilder();
        lines.append("\nConvene is running (ready in %.1f s)\n".formatted(startup.toMillis() / 1000.0));
        lines.append(
                "  Convene (pages)     http://localhost:%d/   (organisers: /organiser)%n".formatted(gateway.port()));
        lines.append("  Gateway (the API)   http://localhost:%d/api%n".formatted(gateway.port()));
        if (settings.replicas() > 1) {
            // No balancer of its own in front of the gateways: each is a full door, and a browser may use any
            // (signed-in sessions are shared, ADR 18). A real deployment puts its own load balancer there.
            lines.append("  %d instances of every service; every gateway serves the same pages and API:%n"
                    .formatted(settings.replicas()));
            for (var instance : settings.instances("gateway")) {
                lines.append("  %-19s http://localhost:%d/%n".formatted(instance.instanceName(), instance.port()));
            }
        }
        lines.append("  Sign-in (identity)  %s%n".formatted(issuer()));
        lines.append("  Dev inbox           http://localhost:%d   (JSON: http://localhost:%d/api/messages)%n"
                .formatted(settings.inboxPort(), settings.inboxPort()));
        for (var spec : settings.services()) {
            lines.append("  %-19s http://127.0.0.1:%d/actuator/health%n"
                    .formatted(spec.instanceName(), spec.managementPort()));
        }
        lines.append("  Kafka               127.0.0.1:%d%n".formatted(settings.kafkaPort()));
        lines.append("  MongoDB             mongodb://127.0.0.1:%d%n".formatted(settings.mongoPort()));
        lines.append("  SMTP                127.0.0.1:%d%n".formatted(settings.smtpPort()));
        lines.append("  Logs                %s%n".formatted(settings.logDir()));
        var demoClient = "demo-automation";
        lines.append("%nSign in as the demo organiser (organisation \"demo\") at http://localhost:%d/%n"
                .formatted(gateway.port()));
        lines.append("  Email               organiser@demo.convene.test%n".formatted());
        lines.append("  Password            %s%n".formatted(secrets.organiserPassword()));
        lines.append("The demo API client (client credentials):%n".formatted());
        lines.append("  Client id           %s%n".formatted(demoClient));
        lines.append("  Client secret       %s%n".formatted(secrets.clientSecret()));
        lines.append("  Get a token         curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token%n"
                .formatted(demoClient, secrets.clientSecret(), issuer()));
        lines.append("  (kept in %s; set CONVENE_DEMO_ORGANISER_PASSWORD or CONVENE_DEMO_CLIENT_SECRET to choose)%n"
                .formatted(settings.dataDir().resolve(IdentitySecrets.FILE)));
        lines.append("Press Ctrl-C to stop.");
        say(lines.toString());
    }

    /**
     * A service that stops on its own (a crash, an out-of-memory kill) is started again, as a
     * production orchestrator would, and said so; one that keeps dying is left stopped after five
     * tries, with the place of its log.
     */
    private void supervise() {
        var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        var restarts = new HashMap<String, Integer>();
        while (!stopping) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
            List<ServiceProcess> services;
            synchronized (running) {
                services = running.stream()
                        .filter(ServiceProcess.class::isInstance)
                        .map(ServiceProcess.class::cast)
                        .filter(service -> !service.isAlive())
                        .toList();
            }
            for (var service : services) {
                if (stopping || restarts.getOrDefault(service.name(), 0) > 5) {
                    continue;
                }
                var tries = restarts.merge(service.name(), 1, Integer::sum);
                if (tries > 5) {
                    say("  " + service.name() + " keeps stopping; left stopped. See " + service.logFile());
                    continue;
                }
                say("  " + service.name() + " stopped unexpectedly (exit code " + service.exitCode()
                        + "); starting it again");
                try {
                    ServiceProcess again;
                    synchronized (running) {
                        if (stopping) {
                            return;
                        }
                        again = service.restart();
                        running.remove(service);
                        running.push(again);
                    }
                    again.awaitReady(http, Instant.now().plus(START_TIMEOUT));
                    say("  " + again.name() + " ready again at http://localhost:" + again.port());
                } catch (StackException e) {
                    say("  " + e.getMessage());
                } catch (java.io.IOException e) {
                    say("  Cannot start " + service.name() + " again: " + e.getMessage());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    private void awaitStop() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops in reverse start order: the gateway first, the broker and store last, so no write is cut off. */
    void stop() {
        stopping = true;
        synchronized (running) {
            if (running.isEmpty()) {
                stopped.countDown();
                return;
            }
            say("\nStopping Convene...");
            // Services stop together (each drains on its own), then the infrastructure one by one.
            var services = running.stream()
                    .filter(ServiceProcess.class::isInstance)
                    .map(ServiceProcess.class::cast)
                    .toList();
            if (services.stream().anyMatch(ServiceProcess::savingCache)) {
                say("Saving the services' start-up caches (once after each build; later starts are faster)...");
            }
            try (var stopping = Executors.newVirtualThreadPerTaskExecutor()) {
                services.forEach(service -> stopping.submit(() -> {
                    service.close();
                    return null;
                }));
            }
            running.removeAll(services);
            while (!running.isEmpty()) {
                var next = running.pop();
                try {
                    next.close();
                } catch (Exception e) {
                    System.err.println("convene: while stopping: " + e.getMessage());
                }
            }
            say("Stopped.");
        }
        stopped.countDown();
    }

    private static void say(String line) {
        System.out.println(line);
    }

    private static void fail(String message) {
        System.err.println("convene: " + message);
        // halt would skip the shutdown hook that stops what already started; exit runs it.
        System.exit(1);
    }
}
