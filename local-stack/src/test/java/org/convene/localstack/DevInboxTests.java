package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DevInboxTests {

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private DevInbox inbox;
    private int smtpPort;
    private int httpPort;

    @BeforeEach
    void start() throws Exception {
        try (var smtp = new ServerSocket(0);
                var web = new ServerSocket(0)) {
            smtpPort = smtp.getLocalPort();
            httpPort = web.getLocalPort();
        }
        inbox = DevInbox.start(smtpPort, httpPort);
    }

    @AfterEach
    void stop() {
        inbox.close();
    }

    @Test
    void listsEveryEmailWhoeverItIsToOnlyWhatCameSinceWhenAskedAndNeverReusesAnId() throws Exception {
        send("ann@example.org", "First");
        send("bo@example.org", "Second");

        var all = get("/api/messages");
        assertThat(all.statusCode()).isEqualTo(200);
        var emails = json.readTree(all.body());
        assertThat(emails).hasSize(2);
        assertThat(emails.get(0).path("id").asLong()).isEqualTo(1);
        assertThat(emails.get(0).path("subject").asString()).isEqualTo("First");
        assertThat(emails.get(0).path("to").get(0).asString()).isEqualTo("ann@example.org");
        assertThat(emails.get(0).path("text").asString()).contains("Hello");
        assertThat(emails.get(0).path("receivedAt").isNull()).isFalse();

        assertThat(subjects(get("/api/messages?to=BO@example.org"))).containsExactly("Second");
        assertThat(subjects(get("/api/messages?since=1"))).containsExactly("Second");
        assertThat(subjects(get("/api/messages?since=2"))).isEmpty();
        assertThat(get("/api/messages?since=%7B%22%24gt%22%3A0%7D").statusCode())
                .isEqualTo(400);

        var emptied = http.send(
                HttpRequest.newBuilder(uri("/api/messages")).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(emptied.statusCode()).isEqualTo(204);
        assertThat(subjects(get("/api/messages"))).isEmpty();

        send("cy@example.org", "Third");
        var after = json.readTree(get("/api/messages?since=2").body());
        assertThat(after).hasSize(1);
        assertThat(after.get(0).path("id").asLong()).isEqualTo(3);
        assertThat(get("/").body()).contains("1 messages").contains("Third");
    }

    @Test
    void anSmtpServerStoppedByADrillRefusesMailKeepsWhatItReceivedAndTakesMailAgainWhenStarted() throws Exception {
        send("ann@example.org", "Before");
        inbox.stopSmtp();

        assertThatThrownBy(() -> send("bo@example.org", "While away"))
                .isInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(subjects(get("/api/messages"))).containsExactly("Before");

        inbox.startSmtp();
        send("cy@example.org", "After");
        assertThat(subjects(get("/api/messages"))).containsExactly("Before", "After");
    }

    private void send(String to, String subject) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("no-reply@convene.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText("Hello");
        Transport.send(message);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private java.util.List<String> subjects(HttpResponse<String> response) {
        var subjects = new java.util.ArrayList<String>();
        for (JsonNode email : json.readTree(response.body())) {
            subjects.add(email.path("subject").asString());
        }
        return subjects;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + httpPort + path);
    }
}
