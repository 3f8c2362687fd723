package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.convene.contracts.Topics;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.testing.IntegrationTest;
import org.convene.testing.ManagementPort;
import org.convene.testing.TestInfrastructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * SMTP servers that take the connection and then say nothing — at once, or after DATA — cost an
 * email one time-out and a retry, never the sender: once a working server is there, the email
 * and the ones queued after it arrive, once each. (Before SMTP time-outs were set, the first
 * silent server stopped every email of the instance for good.) No address reaches the log.
 */
@IntegrationTest(
        properties = {
            "spring.mail.properties.mail.smtp.connectiontimeout=1000",
            "spring.mail.properties.mail.smtp.timeout=1000",
            "spring.mail.properties.mail.smtp.writetimeout=1000"
        })
@ExtendWith(OutputCaptureExtension.class)
class SilentMailServerTests {

    @Autowired
    WebTestClient client;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JavaMailSender mail;

    @Test
    void anEmailMeetingASilentServerIsRetriedAfterTheTimeOutAndTheNextEmailsStillGoOut(CapturedOutput output)
            throws Exception {
        var sender = (JavaMailSenderImpl) mail;
        var tag = UUID.randomUUID().toString().substring(0, 8);
        var first = "first-" + tag + "@example.org";
        var second = "second-" + tag + "@example.org";
        var third = "third-" + tag + "@example.org";
        var eventId = UUID.randomUUID().toString();
        try (var silent = new MisbehavingSmtpServer(false);
                var hangsAfterData = new MisbehavingSmtpServer(true);
                var messages = new Messages()) {
            messages.event(eventId);

            // 1. A server that accepts and never answers, not even its greeting.
            sender.setHost("127.0.0.1");
            sender.setPort(silent.port());
            messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, first));
            await().atMost(Duration.ofSeconds(20)).until(() -> silent.connections() >= 1 && retried() >= 1);

            // 2. One that takes the whole message and never confirms it.
            sender.setPort(hangsAfterData.port());
            messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, second));
            await().atMost(Duration.ofSeconds(30)).until(() -> hangsAfterData.messagesTaken() >= 1 && retried() >= 2);

            // 3. A working server: everything queued arrives, once each, and the next email too.
            sender.setHost(TestInfrastructure.shared().smtpHost());
            sender.setPort(TestInfrastructure.shared().smtpPort());
            messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, third));
            var inbox = Inbox.shared();
            await().atMost(Duration.ofSeconds(40))
                    .until(() -> inbox.to(first).size() == 1
                            && inbox.to(second).size() == 1
                            && inbox.to(third).size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> inbox.to(first).size() == 1
                            && inbox.to(second).size() == 1
                            && inbox.to(third).size() == 1);

            // The sender never stalled, and says so.
            ManagementPort.client(managementPort)
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.components.emailSending.status")
                    .isEqualTo("UP");
            assertThat(scrape())
                    .contains(
                            "convene_emails_round_last_completed_seconds{",
                            "convene_emails_round_running_since_seconds{")
                    .doesNotContainPattern("convene_emails_rounds_stalled_total\\{[^}]*} [1-9]");
            // Retries, time-outs and sends are logged by reference, never by address.
            assertThat(output.getAll()).doesNotContain(first, second, third);
        }
    }

    private long retried() {
        var matcher = java.util.regex.Pattern.compile(
                        "convene_emails_total\\{[^}]*kind=\"confirmation\"[^}]*outcome=\"retried\"[^}]*} ([0-9.]+)")
                .matcher(scrape());
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    private String scrape() {
        return ManagementPort.client(managementPort)
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    /**
     * A real socket that accepts connections and then either says nothing at all, or speaks SMTP
     * up to the end of DATA and then goes quiet, holding every connection open.
     */
    static final class MisbehavingSmtpServer implements AutoCloseable {
        private final ServerSocket server;
        private final boolean hangAfterData;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger messagesTaken = new AtomicInteger();

        MisbehavingSmtpServer(boolean hangAfterData) throws IOException {
            this.hangAfterData = hangAfterData;
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().start(this::accept);
        }

        int port() {
            return server.getLocalPort();
        }

        int connections() {
            return connections.get();
        }

        int messagesTaken() {
            return messagesTaken.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    var socket = server.accept();
                    held.add(socket);
                    connections.incrementAndGet();
                    if (hangAfterData) {
                        Thread.ofVirtual().start(() -> converse(socket));
                    }
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void converse(Socket socket) {
            try {
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                OutputStream out = socket.getOutputStream();
                reply(out, "220 localhost ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    var command = line.toUpperCase(java.util.Locale.ROOT);
                    if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                        reply(out, "250 localhost");
                    } else if (command.startsWith("DATA")) {
                        reply(out, "354 go ahead");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message
                        }
                        messagesTaken.incrementAndGet();
                        // ... and never a word about it.
                    } else if (command.startsWith("QUIT")) {
                        return;
                    } else {
                        reply(out, "250 ok");
                    }
                }
            } catch (IOException closed) {
                // the client gave up
            }
        }

        private static void reply(OutputStream out, String line) throws IOException {
            out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
            for (var socket : held) {
                socket.close();
            }
        }
    }
}
