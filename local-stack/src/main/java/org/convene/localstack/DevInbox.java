package org.convene.localstack;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real SMTP server (GreenMail) and an HTTP window onto what it received: {@code GET /api/messages}
 * as JSON ({@code ?to=} one recipient, {@code ?since=} only what came after that id), {@code DELETE
 * /api/messages} to empty it, and a plain page at {@code /} for people.
 *
 * <p>Every email, whoever it is to, is read once as it arrives and kept in one list: GreenMail's
 * own store keeps a mailbox per recipient, found by walking all of them on each delivery, and
 * listing meant parsing every message again, so each email cost more than the one before (half of
 * the stack's CPU in a 50 emails/s benchmark went to the sink).
 */
final class DevInbox implements AutoCloseable {

    private final int smtpPort;
    private final HttpServer http;
    private GreenMail smtp;
    private final JsonMapper json = JsonMapper.builder().build();
    private final List<ReceivedEmail> received = new ArrayList<>();
    private long lastId;

    private DevInbox(int smtpPort, HttpServer http) {
        this.smtpPort = smtpPort;
        this.http = http;
    }

    static DevInbox start(int smtpPort, int httpPort) throws IOException {
        nameTheMailStreamProvider();
        var http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        var inbox = new DevInbox(smtpPort, http);
        inbox.startSmtp();
        http.createContext("/api/messages", inbox::handleApi);
        http.createContext("/", inbox::handlePage);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.start();
        return inbox;
    }

    /**
     * Jakarta Mail looks its stream provider up with a ServiceLoader walk of the class path for
     * every MIME part read, unless a system property names it (a third of this process's CPU while
     * emails arrive, JFR); named when the system class loader, where the API looks it up, has it.
     */
    private static void nameTheMailStreamProvider() {
        var property = "jakarta.mail.util.StreamProvider";
        var provider = "org.eclipse.angus.mail.util.MailStreamProvider";
        if (System.getProperty(property) != null) {
            return;
        }
        try {
            Class.forName(provider, false, ClassLoader.getSystemClassLoader());
            System.setProperty(property, provider);
        } catch (ClassNotFoundException | LinkageError notThere) {
            // The ServiceLoader finds it.
        }
    }

    /** One received email as the JSON API shows it. */
    record ReceivedEmail(
            long id,
            Instant receivedAt,
            String messageId,
            List<String> from,
            List<String> to,
            List<String> cc,
            String subject,
            String text,
            String html,
            Map<String, List<String>> headers,
            List<Attachment> attachments) {}

    record Attachment(String filename, String contentType, int size) {}

    List<ReceivedEmail> messages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    /** What arrived after the email with id {@code since}: ids count up from 1 in order of arrival, never reused. */
    List<ReceivedEmail> messagesSince(long since) {
        synchronized (received) {
            var from = received.size();
            while (from > 0 && received.get(from - 1).id() > since) {
                from--;
            }
            return List.copyOf(received.subList(from, received.size()));
        }
    }

    private void record(MimeMessage message) {
        var at = Instant.now();
        synchronized (received) {
            var id = ++lastId;
            ReceivedEmail email;
            try {
                email = toEmail(id, at, message);
            } catch (IllegalStateException unreadable) {
                // Accepted by the server all the same; listed, so nobody wonders where it went.
                email = new ReceivedEmail(
                        id, at, null, List.of(), List.of(), List.of(), "(unreadable)", null, null, Map.of(), List.of());
            }
            received.add(email);
        }
    }

    private void clear() {
        synchronized (received) {
            received.clear();
        }
    }

    /** The one recipient GreenMail delivers every email to: it records the email, read once. */
    private final class Recorder implements GreenMailUser {
        @Override
        public void deliver(MovingMessage message) {
            record(message.getMessage());
        }

        @Override
        public void deliver(MimeMessage message) {
            record(message);
        }

        @Override
        public String getEmail() {
            return "inbox@convene.local";
        }

        @Override
        public String getLogin() {
            return "inbox";
        }

        @Override
        public void create() {}

        @Override
        public void delete() {}

        @Override
        public String getPassword() {
            return "";
        }

        @Override
        public void setPassword(String password) {}

        @Override
        public void authenticate(String password) {}

        @Override
        public String getQualifiedMailboxName() {
            return "inbox";
        }
    }

    private void handleApi(HttpExchange exchange) throws IOException {
        try (exchange) {
            switch (exchange.getRequestMethod()) {
                case "GET" -> {
                    var to = queryParameter(exchange, "to");
                    var since = queryParameter(exchange, "since");
                    if (since != null && !since.matches("\\d{1,18}")) {
                        respond(
                                exchange,
                                400,
                                "application/problem+json",
                                json.writeValueAsBytes(Map.of(
                                        "title",
                                        "Bad request",
                                        "status",
                                        400,
                                        "detail",
                                        "since must be the id of an email (a whole number)")));
                        return;
                    }
                    var emails = (since == null ? messages() : messagesSince(Long.parseLong(since)))
                            .stream()
                                    .filter(email -> to == null
                                            || email.to().stream().anyMatch(address -> address.equalsIgnoreCase(to)))
                                    .toList();
                    respond(exchange, 200, "application/json", json.writeValueAsBytes(emails));
                }
                case "DELETE" -> {
                    clear();
                    exchange.sendResponseHeaders(204, -1);
                }
                default -> {
                    exchange.getResponseHeaders().add("Allow", "GET, DELETE");
                    respond(
                            exchange,
                            405,
                            "application/problem+json",
                            json.writeValueAsBytes(Map.of(
                                    "title", "Method not allowed", "status", 405, "detail", "Use GET or DELETE")));
                }
            }
        } catch (Exception e) {
            // The inbox is a development aid: report the failure in a form a person can read, without a trace.
            respond(exchange, 500, "text/plain", ("Could not read the inbox: " + e.getMessage()).getBytes());
        }
    }

    private void handlePage(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"/".equals(exchange.getRequestURI().getPath())) {
                respond(exchange, 404, "text/plain; charset=utf-8", "Not found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            var rows = new StringBuilder();
            for (var email : messages().reversed()) {
                rows.append("<tr><td>")
                        .append(email.id())
                        .append("</td><td>")
                        .append(escape(String.valueOf(email.receivedAt())))
                        .append("</td><td>")
                        .append(escape(String.join(", ", email.to())))
                        .append("</td><td>")
                        .append(escape(String.valueOf(email.subject())))
                        .append("</td></tr>\n");
            }
            var page = """
                    <!doctype html>
                    <html lang="en"><head><meta charset="utf-8">
                    <meta name="viewport" content="width=device-width, initial-scale=1">
                    <title>Convene dev inbox</title>
                    <style>body{font-family:system-ui,sans-serif;margin:1rem;color:#111}table{border-collapse:collapse;width:100%%}
                    th,td{border:1px solid #999;padding:.4rem;text-align:left}caption{text-align:left;font-weight:bold}</style>
                    </head><body><main>
                    <h1>Convene dev inbox</h1>
                    <p>Every email the local stack sends lands here. The same messages as JSON, with bodies and headers:
                    <a href="/api/messages">/api/messages</a>.</p>
                    <table><caption>%d messages, newest first</caption>
                    <thead><tr><th scope="col">#</th><th scope="col">Received</th><th scope="col">To</th><th scope="col">Subject</th></tr></thead>
                    <tbody>
                    %s</tbody></table></main></body></html>
                    """.formatted(messages().size(), rows);
            respond(exchange, 200, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            respond(exchange, 500, "text/plain", ("Could not read the inbox: " + e.getMessage()).getBytes());
        }
    }

    private static ReceivedEmail toEmail(long id, Instant receivedAt, MimeMessage message) {
        try {
            var content = new Content();
            content.collect(message);
            var headers = new LinkedHashMap<String, List<String>>();
            for (var header : Collections.list(message.getAllHeaders())) {
                headers.computeIfAbsent(header.getName(), name -> new ArrayList<>())
                        .add(header.getValue());
            }
            return new ReceivedEmail(
                    id,
                    receivedAt,
                    message.getMessageID(),
                    addresses(message.getFrom()),
                    addresses(message.getRecipients(Message.RecipientType.TO)),
                    addresses(message.getRecipients(Message.RecipientType.CC)),
                    message.getSubject(),
                    content.text,
                    content.html,
                    headers,
                    content.attachments);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable message " + id + ": " + e.getMessage(), e);
        }
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null
                ? List.of()
                : Arrays.stream(addresses).map(DevInbox::plainAddress).toList();
    }

    private static String plainAddress(Address address) {
        return address instanceof jakarta.mail.internet.InternetAddress internet
                ? internet.getAddress()
                : address.toString();
    }

    /** Walks a MIME tree, keeping the first plain-text and HTML bodies and listing attachments. */
    private static final class Content {
        String text;
        String html;
        final List<Attachment> attachments = new ArrayList<>();

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
                attachments.add(new Attachment(part.getFileName(), baseType(part.getContentType()), part.getSize()));
            } else if (part.isMimeType("text/plain") && text == null) {
                text = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    collect(multipart.getBodyPart(i));
                }
            }
        }

        private static String baseType(String contentType) {
            return contentType == null ? null : contentType.split(";")[0].trim();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static String queryParameter(HttpExchange exchange, String name) {
        var query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (var pair : query.split("&")) {
            var parts = pair.split("=", 2);
            if (parts.length == 2 && parts[0].equals(name)) {
                return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /**
     * Starts the SMTP server (again): a fault drill stops it while services send, and what was received
     * before stays listed.
     */
    synchronized void startSmtp() {
        if (smtp != null) {
            return;
        }
        var server = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        var everyone = new Recorder();
        server.getUserManager().setMessageDeliveryHandler((message, recipient) -> everyone);
        smtp = server;
    }

    /** Stops the SMTP server only: connections are refused, the inbox's window stays open. */
    synchronized void stopSmtp() {
        if (smtp != null) {
            smtp.stop();
            smtp = null;
        }
    }

    @Override
    public void close() {
        http.stop(0);
        stopSmtp();
    }
}
