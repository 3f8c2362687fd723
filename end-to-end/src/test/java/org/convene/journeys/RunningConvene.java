package org.convene.journeys;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as a user's machine runs it: {@code ./convene run} on ports of its own and a
 * fresh data folder, started once for all journeys and stopped like Ctrl-C when the JVM ends.
 * Services can be killed to see how the rest behaves; the launcher restarts them.
 */
final class RunningConvene {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static RunningConvene shared;
    private static final List<String> PARTS = List.of(
            "KAFKA",
            "KAFKA_CONTROLLER",
            "MONGO",
            "SMTP",
            "INBOX",
            "GATEWAY",
            "EVENTS",
            "REGISTRATIONS",
            "NOTIFICATIONS",
            "IDENTITY",
            "WEB",
            // Health and metrics are on management ports, chosen free as well so stacks can run side by side.
            "GATEWAY_MANAGEMENT",
            "EVENTS_MANAGEMENT",
            "REGISTRATIONS_MANAGEMENT",
            "NOTIFICATIONS_MANAGEMENT",
            "IDENTITY_MANAGEMENT",
            "WEB_MANAGEMENT");
    /** The parts each further instance of a service has its own port for ({@code --replicas}). */
    private static final List<String> PER_INSTANCE = PARTS.subList(5, PARTS.size());

    private final int replicas;

    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final StringBuffer output = new StringBuffer();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Process launcher;
    private final java.io.PrintWriter drills;
    private final Path logs;

    static synchronized RunningConvene shared() {
        if (shared == null) {
            try {
                shared = new RunningConvene();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /**
     * Stops the stack the other journeys share, if one is running (like Ctrl-C), so a stack of its own
     * does not compete with it for the machine's cores; a later {@link #shared()} starts a new one.
     */
    static synchronized void stopShared() {
        if (shared != null) {
            shared.stop();
            shared = null;
        }
    }

    /**
     * A stack of its own with {@code replicas} instances of every service ({@code ./convene run --replicas}),
     * each on free ports; {@link #stop()} it when done.
     */
    static RunningConvene withReplicas(int replicas) {
        try {
            var convene = new RunningConvene(replicas);
            Runtime.getRuntime().addShutdownHook(new Thread(convene::stop));
            return convene;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private RunningConvene() throws IOException {
        this(1);
    }

    private RunningConvene(int replicas) throws IOException {
        this.replicas = replicas;
        var names = new java.util.ArrayList<>(PARTS);
        for (int instance = 2; instance <= replicas; instance++) {
            for (var part : PER_INSTANCE) {
                names.add(part + "_" + instance);
            }
        }
        var held = new java.util.ArrayList<ServerSocket>();
        for (var name : names) {
            // Held open until all are chosen, so no two names get the same port.
            var socket = new ServerSocket(0);
            held.add(socket);
            ports.put(name, socket.getLocalPort());
        }
        for (var socket : held) {
            socket.close();
        }
        var data = Files.createTempDirectory("convene-journeys");
        var command =
                new java.util.ArrayList<>(List.of(REPOSITORY.resolve("convene").toString(), "run"));
        command.addFirst("bash");
        if (replicas > 1) {
            command.addAll(List.of("--replicas", String.valueOf(replicas)));
        }
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        var env = builder.environment();
        env.put("CONVENE_BUILD", "never");
        env.put("CONVENE_DATA_DIR", data.toString());
        logs = data.resolve("logs");
        env.put("CONVENE_LOG_DIR", logs.toString());
        // GATEWAY_2 (the second gateway) is CONVENE_GATEWAY_PORT_2, as the launcher reads it.
        ports.forEach((name, port) ->
                env.put("CONVENE_" + name.replaceFirst("^(.*?)(_\\d+)?$", "$1_PORT$2"), String.valueOf(port)));
        // The journeys play many people from one machine: each person's requests name their own
        // address, as a reverse proxy in front of the gateway would.
        env.put("CONVENE_GATEWAY_TRUSTED_PROXIES", "127.0.0.1,::1");
        // The fault suite stops and starts the broker, the store and the SMTP server through the launcher.
        env.put("CONVENE_FAULT_DRILLS", "true");
        launcher = builder.start();
        drills = new java.io.PrintWriter(launcher.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread.ofVirtual().start(() -> {
            try (var reader =
                    new BufferedReader(new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> {
                    output.append(line).append('\n');
                    System.out.println("[convene] " + line);
                });
            } catch (IOException ended) {
                // the launcher stopped
            }
        });
        // Several replicas start in waves, one instance of each service after the other.
        await().atMost(Duration.ofSeconds(300L * replicas))
                .pollInterval(Duration.ofMillis(500))
                // The last line the launcher prints when ready: everything above it (secrets included) is in.
                .until(() -> output.toString().contains("Press Ctrl-C to stop.") || !launcher.isAlive());
        if (!launcher.isAlive()) {
            throw new IllegalStateException("./convene run stopped:\n" + output);
        }
    }

    String gateway() {
        return "http://localhost:" + ports.get("GATEWAY");
    }

    /** Gateway {@code instance} (1, 2, ...) of a stack with replicas. */
    String gateway(int instance) {
        return "http://localhost:" + ports.get(instance == 1 ? "GATEWAY" : "GATEWAY_" + instance);
    }

    int replicas() {
        return replicas;
    }

    /** A service's own address, for what only it can tell (its own API document). */
    String service(String name) {
        return "http://127.0.0.1:" + ports.get(name.replace("-service", "").toUpperCase());
    }

    /** The embedded MongoDB-wire store that holds every service's database. */
    String store() {
        return "mongodb://127.0.0.1:" + ports.get("MONGO");
    }

    int gatewayPort() {
        return ports.get("GATEWAY");
    }

    String inbox() {
        return "http://127.0.0.1:" + ports.get("INBOX") + "/api/messages";
    }

    String output() {
        return output.toString();
    }

    /** Where the services and the infrastructure write their log files ({@code CONVENE_LOG_DIR}). */
    Path logs() {
        return logs;
    }

    /** The demo organisation's API client token, the README's client-credentials flow. */
    String organiserToken() throws Exception {
        var secret = printed("Client secret");
        var request = HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get("IDENTITY") + "/oauth2/token"))
                .header(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(("demo-automation:" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    /** The demo organiser's password, as the launcher printed it for signing in. */
    String organiserPassword() {
        return printed("Password");
    }

    String identity() {
        return "http://localhost:" + ports.get("IDENTITY");
    }

    /** The embedded Kafka broker's bootstrap address. */
    String kafka() {
        return "127.0.0.1:" + ports.get("KAFKA");
    }

    /**
     * A fault drill ({@code stop kafka}, {@code start store}, ...): the launcher carries it out and
     * says so; answers what it said.
     */
    synchronized String drill(String command) {
        var before = drillAnswers().size();
        drills.println(command);
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> drillAnswers().size() > before);
        return drillAnswers().get(before);
    }

    private List<String> drillAnswers() {
        return output().lines()
                .map(String::strip)
                .filter(line -> line.startsWith("Drill: "))
                .map(line -> line.substring("Drill: ".length()))
                .toList();
    }

    /** Kills a service's process outright, as a crash would. */
    void kill(String service) {
        // That very process: the launcher soon starts a new one under the same name.
        var process = serviceProcess(service).orElseThrow(() -> new AssertionError(service + " is not running"));
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> !process.isAlive());
    }

    /**
     * Whether a service's instance says it is ready: {@code events-service} is the first instance,
     * {@code events-service-2} the second.
     */
    boolean ready(String service) {
        try {
            var instance = java.util.regex.Pattern.compile("-(\\d+)$").matcher(service);
            var suffix = instance.find() ? "_" + instance.group(1) : "";
            var name = suffix.isEmpty() ? service : service.substring(0, instance.start());
            var port = ports.get(name.replace("-service", "").toUpperCase() + "_MANAGEMENT" + suffix);
            var response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception notUp) {
            return false;
        }
    }

    /** The process of a service's instance ({@code gateway}, {@code gateway-2}: the launcher names each). */
    private Optional<ProcessHandle> serviceProcess(String service) {
        var marker = "-Dconvene.parent-pid=" + launcher.pid();
        var instance = "-Dconvene.instance=" + service;
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains(marker)
                                && List.of(arguments).contains(instance))
                        .orElse(false))
                .findFirst();
    }

    private String printed(String label) {
        return output().lines()
                .map(String::strip)
                .filter(line -> line.startsWith(label + " "))
                .map(line -> line.substring(label.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the launcher did not print " + label));
    }

    void stop() {
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(launcher.pid()))
                    .start()
                    .waitFor();
            // The first stop after a build also writes the services' start-up caches.
            if (!launcher.waitFor(200, TimeUnit.SECONDS)) {
                launcher.descendants().forEach(ProcessHandle::destroyForcibly);
                launcher.destroyForcibly();
            }
        } catch (Exception e) {
            launcher.descendants().forEach(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }
}
