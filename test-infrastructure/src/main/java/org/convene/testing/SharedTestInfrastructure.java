package org.convene.testing;

import java.util.Locale;
import org.testcontainers.DockerClientFactory;

/** Picks containers where a Docker engine answers and embedded servers where none does, once per JVM. */
final class SharedTestInfrastructure {

    static final String SELECTOR = "convene.test.infrastructure";

    private static TestInfrastructure instance;

    private SharedTestInfrastructure() {}

    static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = start(choice());
            Runtime.getRuntime().addShutdownHook(new Thread(((AutoCloseable) instance)::closeQuietly));
        }
        return instance;
    }

    private static String choice() {
        var configured = System.getProperty(SELECTOR, System.getenv("CONVENE_TEST_INFRASTRUCTURE"));
        return configured == null ? "auto" : configured.trim().toLowerCase(Locale.ROOT);
    }

    private static TestInfrastructure start(String choice) {
        long started = System.nanoTime();
        TestInfrastructure infrastructure = switch (choice) {
            case "containers" -> ContainerTestInfrastructure.start("requested with " + SELECTOR);
            case "embedded" -> EmbeddedTestInfrastructure.start("requested with " + SELECTOR);
            case "auto" ->
                dockerAvailable()
                        ? ContainerTestInfrastructure.start("a Docker engine answered")
                        : EmbeddedTestInfrastructure.start("no Docker engine answered");
            default ->
                throw new IllegalStateException(
                        SELECTOR + " must be auto, containers or embedded, not '" + choice + "'");
        };
        System.out.printf(
                "%n[convene] Test infrastructure: %s (started in %d ms)%n%n",
                infrastructure.description(), (System.nanoTime() - started) / 1_000_000);
        return infrastructure;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Both kinds close all their servers; a failure to close one must not hide the others. */
    interface AutoCloseable {
        void close() throws Exception;

        default void closeQuietly() {
            try {
                close();
            } catch (Exception e) {
                System.err.println("[convene] Stopping test infrastructure: " + e);
            }
        }
    }
}
