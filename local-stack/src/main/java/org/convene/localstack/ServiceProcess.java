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

    /**
     * How long a service that recorded its start-up cache may take to stop: the JVM writes the cache
     * as it exits (tens of seconds when all services do it at once on two cores), once after a build.
     */
    private static final Duration STOP_GRACE_WHILE_SAVING_CACHE = Duration.ofSeconds(180);

    private static final long MIN_CACHE_BYTES = 1_000_000;

    private final String name;
    private final String module;
    private final int port;
    private final int managementPort;
    private final Process process;
    private final Path logFile;
    private final Path jar;
    private final Map<String, String> environment;
    private final boolean savingCache;

    private ServiceProcess(
            String name,
            String module,
            int port,
            int managementPort,
            Process process,
            Path logFile,
            Path jar,
            Map<String, String> environment,
            boolean savingCache) {
        this.savingCache = savingCache;
        this.name = name;
        this.module = module;
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
     * {@link StackSettings#listeningEnvironment}); readiness is asked of {@code managementPort}. {@code name}
     * is the instance's ({@code registrations-service-2}: its log file), {@code module} the service's.
     */
    static ServiceProcess start(
            String name,
            String module,
            Path jar,
            int port,
            int managementPort,
            Map<String, String> environment,
            Path logDir)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new StackException("The " + name + " jar is missing at " + jar + ": build first with ./convene run"
                    + " (it builds what it must) or ./mvnw package -DskipTests.");
        }
        var java = ProcessHandle.current().info().command().orElse("java");
        var launched = ExtractedJar.of(module, jar, Path.of(java));
        List<String> command = new ArrayList<>(List.of(java, "--sun-misc-unsafe-memory-access=allow"));
        // Only a service's first instance records the start-up cache (one file per service); the others use it.
        command.addAll(jvmOptions(module, launched, name.equals(module)));
        command.addAll(List.of(
                "-Xss512k",
                "-XX:MaxRAMPercentage=10",
                "-Dconvene.parent-pid=" + ProcessHandle.current().pid(),
                // Names the instance in the process list, so one of several can be told apart (and killed in tests).
                "-Dconvene.instance=" + name,
                "-jar",
                launched.toString()));
        var logFile = logDir.resolve(name + ".log");
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                // Appended: after a restart the log still tells what happened before it.
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().putAll(environment);
        var savingCache = command.stream().anyMatch(option -> option.startsWith("-XX:AOTCacheOutput="));
        return new ServiceProcess(
                name, module, port, managementPort, builder.start(), logFile, jar, environment, savingCache);
    }

    /**
     * Both compilers (C2 as well as C1), so a service under load runs at full speed, and the serial
     * collector, the leanest for heaps this small on two cores. Start-up is kept short by Java 25's
     * ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles) per service,
     * beside its extracted jar: recorded while the service runs for the first time after a build and
     * written when it stops, used from the next start on. It cuts the CPU a service needs to start by
     * about two thirds, which is what six services starting at once on two cores wait for.
     * {@code CONVENE_SERVICE_JAVA_OPTS} replaces all of these. An instance that may not record the cache
     * ({@code mayRecord} false: not the service's first) uses it when it is there and runs without otherwise.
     */
    static List<String> jvmOptions(String name, Path launched, boolean mayRecord) {
        var configured = System.getenv("CONVENE_SERVICE_JAVA_OPTS");
        if (configured != null && !configured.isBlank()) {
            return List.of(configured.trim().split("\\s+"));
        }
        var cache = aotCache(name, launched);
        if (!mayRecord) {
            return Files.exists(cache)
                    ? List.of("-XX:+UseSerialGC", "-XX:AOTCache=" + cache, "-Xlog:aot=error,cds=error")
                    : List.of("-XX:+UseSerialGC");
        }
        forgetIfOlderThan(cache, launched);
        return List.of(
                "-XX:+UseSerialGC",
                Files.exists(cache) ? "-XX:AOTCache=" + cache : "-XX:AOTCacheOutput=" + cache,
                // The cache is only an aid: a missing or unusable one must never stop a service.
                "-Xlog:aot=error,cds=error");
    }

    private static Path aotCache(String name, Path launched) {
        return launched.toAbsolutePath().resolveSibling(name + ".aot");
    }

    /**
     * A cache made from an older jar would be refused by the JVM (it runs without, after a warning),
     * so it is removed and recorded again.
     */
    private static void forgetIfOlderThan(Path cache, Path jar) {
        try {
            // A cache left empty or cut short (its writing was stopped) would never be made again.
            if (Files.exists(cache)
                    && (Files.size(cache) < MIN_CACHE_BYTES
                            || Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) < 0)) {
                Files.delete(cache);
            }
        } catch (IOException e) {
            // The JVM then runs without the cache, as it does when the cache is stale.
        }
    }

    /** The same service started again, as it was first started. */
    ServiceProcess restart() throws IOException {
        return start(name, module, jar, port, managementPort, environment, logFile.getParent());
    }

    /** Whether this run records the start-up cache, which the JVM writes when it stops. */
    boolean savingCache() {
        return savingCache;
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
        var grace = savingCache ? STOP_GRACE_WHILE_SAVING_CACHE : STOP_GRACE;
        if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
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
