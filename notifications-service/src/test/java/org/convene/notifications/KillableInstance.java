package org.convene.notifications;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.convene.testing.TestInfrastructure;

/**
 * Another instance of notifications-service in a process of its own, so it can be killed as a
 * machine or the kernel would kill it ({@link #kill()}: SIGKILL, no shutdown hook, no last write):
 * the test JVM's class path, the shared broker and SMTP server, and the database and consumer
 * group it is given. Its log lines are kept for the test to read.
 */
public final class KillableInstance implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private KillableInstance(Process process) {
        this.process = process;
        var reader = new Thread(
                () -> {
                    try (var output = new BufferedReader(
                            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = output.readLine()) != null) {
                            lines.add(line);
                        }
                    } catch (Exception ended) {
                        // The process is gone.
                    }
                },
                "killable-instance-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static KillableInstance start(String mongoUri, String groupId, String... more) throws Exception {
        var infrastructure = TestInfrastructure.shared();
        var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = new ArrayList<>(List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                NotificationsServiceApplication.class.getName(),
                "--spring.main.web-application-type=none",
                "--spring.mongodb.uri=" + mongoUri,
                "--spring.kafka.bootstrap-servers=" + infrastructure.kafkaBootstrapServers(),
                "--spring.kafka.consumer.group-id=" + groupId,
                "--spring.kafka.consumer.auto-offset-reset=earliest",
                // The group notices the dead member within seconds, not the default 45.
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                "--spring.mail.host=" + infrastructure.smtpHost(),
                "--spring.mail.port=" + infrastructure.smtpPort(),
                // What the test reads: partitions assigned, emails sent.
                "--logging.level.org.springframework.kafka.listener.KafkaMessageListenerContainer=INFO",
                "--logging.level.org.convene.notifications.delivery.sending.DeliverySender=INFO"));
        command.addAll(List.of(more));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        return new KillableInstance(process);
    }

    /** Waits until a log line contains {@code text}; fails if the process ends first. */
    public void awaitLine(String text, Duration within) {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(within)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (lines.stream().anyMatch(line -> line.contains(text))) {
                            return true;
                        }
                        if (!process.isAlive()) {
                            throw new IllegalStateException(
                                    "The instance ended before logging '" + text + "':\n" + lastLines());
                        }
                        return false;
                    });
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            throw new IllegalStateException(
                    "The instance did not log '" + text + "' within " + within + ":\n" + lastLines());
        }
    }

    private String lastLines() {
        var all = List.copyOf(lines);
        return String.join("\n", all.subList(Math.max(0, all.size() - 30), all.size()));
    }

    public long linesContaining(String text) {
        return lines.stream().filter(line -> line.contains(text)).count();
    }

    /** SIGKILL: nothing of the instance runs after this, not even a shutdown hook. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
