package org.convene.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Convene service running as its own JVM, its output in a log file, stopped gracefully with SIGTERM. */
final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final String name;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path logFile;
    private final Path jar;
    private final Map<String, String> environment;

    private ServiceProcess(
            String name,
            int port,
            int managementPort,
            Process process,
            Path logFile,
            Path jar,
            Map<String, String> environment) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.process = process;
        this.logFile = logFile;
        this.jar = jar;
        this.environment = Map.copyOf(environment);
    }

    /**
     * Starts the service with {@code environment}, which says where it listens ({@code SERVER_PORT},
     * {@code CONVENE_MANAGEMENT_PORT}, perhaps {@code SERVER_ADDRESS}: see
     * {@link StackSettings#listeningEnvironment}); readiness is asked of {@code managementPort}.
     */
    static ServiceProcess start(
            String name, Path jar, int port, int managementPort, Map<String, String> environment, Path logDir)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new StackException("The " + name + " jar is missing at " + jar + ": build first with ./convene run"
                    + " (it builds what it must) or ./mvnw package -DskipTests.");
        }
        var java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow"));
        command.addAll(jvmOptions(name, jar));
        command.addAll(List.of(
                "-Xss512k",
                "-XX:MaxRAMPercentage=10",
                "-Dconvene.parent-pid=" + ProcessHandle.current().pid(),
                "-jar",
                jar.toString()));
        var logFile = logDir.resolve(name + ".log");
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // Appended: after a restart the log still tells what happened before it.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        return new ServiceProcess(name, port, managementPort, builder.start(), logFile, jar, environment);
    }

    /**
     * Both compilers (C2 as well as C1), so a service under load runs at full speed, and the serial
     * collector, the leanest for heaps this small on two cores. Start-up is kept short by a class
     * data sharing archive per service, beside its jar: made when the service first stops, used from
     * the next start on, and made again by the JVM whenever the jar changed.
     * {@code CONVENE_SERVICE_JAVA_OPTS} replaces all of these.
     */
    static List<String> jvmOptions(String name, Path jar) {
        var configured = System.getenv("CONVENE_SERVICE_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        var archive = jar.toAbsolutePath().resolveSibling(name + ".jsa");
        forgetIfOlderThan(archive, jar);
        return List.of("-XX:+UseSerialGC", "-XX:+AutoCreateSharedArchive", "-XX:SharedArchiveFile=" + archive);
    }

    /**
     * The JVM will not replace an archive made from an older jar (it only warns and runs without one),
     * so an archive older than its jar is removed and made again when the service stops.
     */
    private static void forgetIfOlderThan(Path archive, Path jar) {
        try {
            if (Files.exists(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) < 0) {
                Files.delete(archive);
            }
        } catch (IOException e) {
            // The JVM then runs without the archive, as it does when the archive is stale.
        }
    }

    /** The same service started again, as it was first started. */
    ServiceProcess restart() throws IOException {
        return start(name, jar, port, managementPort, environment, logFile.getParent());
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitCode() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    /** On the management port, which listens on loopback only. */
    String healthUrl() {
        return "http://127.0.0.1:" + managementPort + "/actuator/health";
    }

    Path logFile() {
        return logFile;
    }

    /** Waits until the service reports ready, or fails with the end of its log when it dies or takes too long. */
    void awaitReady(HttpClient http, Instant deadline) throws InterruptedException {
        var readiness = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + managementPort + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new StackException(name + " stopped while starting (exit code " + process.exitValue()
                        + "). Last lines of " + logFile + ":\n" + tail(logFile, 15));
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            }
            Thread.sleep(250);
        }
        throw new StackException(name + " was not ready in time. Last lines of " + logFile + ":\n" + tail(logFile, 15));
    }

    /** SIGTERM first so Spring finishes in-flight requests and flushes; SIGKILL only if it will not stop. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static String tail(Path file, int lines) {
        try {
            var all = Files.readAllLines(file);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
