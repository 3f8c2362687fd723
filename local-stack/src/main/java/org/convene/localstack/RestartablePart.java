package org.convene.localstack;

/**
 * A part of the infrastructure (the Kafka broker, the store, the SMTP server) that a fault drill may
 * stop and start again on the same port with the same data, as an operator restarting it would.
 */
final class RestartablePart implements AutoCloseable {

    /** Starts the part and answers what stops it. */
    @FunctionalInterface
    interface Starter {
        AutoCloseable start() throws Exception;
    }

    private final String name;
    private final String label;
    private final Starter starter;
    private AutoCloseable running;

    RestartablePart(String name, String label, Starter starter) {
        this.name = name;
        this.label = label;
        this.starter = starter;
    }

    /** What a drill calls it: {@code kafka}, {@code store}, {@code smtp}. */
    String name() {
        return name;
    }

    /** What people call it: "Kafka broker". */
    String label() {
        return label;
    }

    /** Starts it unless it runs; answers whether it was started by this call. */
    synchronized boolean start() throws Exception {
        if (running != null) {
            return false;
        }
        running = starter.start();
        return true;
    }

    /** Stops it if it runs; answers whether it was stopped by this call. */
    synchronized boolean stop() throws Exception {
        if (running == null) {
            return false;
        }
        var stopping = running;
        running = null;
        stopping.close();
        return true;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
