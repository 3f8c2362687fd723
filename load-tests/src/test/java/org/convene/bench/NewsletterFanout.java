package org.convene.bench;

import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;

/**
 * (d) Newsletter fan-out: {@code BENCH_SUBSCRIBERS} (20,000) confirmed subscribers of the demo organisation's
 * "workshops" topic, one newsletter, sent by notifications-service to the stack's SMTP server (GreenMail, the dev
 * inbox); and that sink's own ceiling, measured alone in the same run with the same message, the same recipients, the
 * same number of connections and the same batch size. A plain program rather than a Gatling simulation: the figure is
 * emails a second, not HTTP latencies.
 *
 * <ol>
 *   <li>One real subscriber (topic "podcasts") goes through double opt-in by the API. Its stored document is the
 *       template of the seeded ones: the 20,000 are inserted straight into notifications-service's store
 *       (database {@code convene-notifications}, collection {@code subscribers}), each a copy of that document with
 *       its own address, id (derived from organisation and address as the service derives it), token and topics.
 *   <li>A calibration newsletter (the same subject and Markdown) goes to the one "podcasts" subscriber; its copy in
 *       the inbox is the model of the messages sent to the sink alone. One rebuilt message goes through the sink and
 *       is compared with the service's copy (headers, text, HTML).
 *   <li>The sink alone: {@code BENCH_SINK_WARMUP} (500) messages to warm it, the inbox emptied, then
 *       {@code BENCH_SINK_MESSAGES} (one per subscriber) to the same addresses, in batches of
 *       {@code CONVENE_NEWSLETTER_BATCH_SIZE} (25) over one connection each, {@code CONVENE_NEWSLETTER_CONNECTIONS} (4)
 *       connections at a time, with Jakarta Mail (Angus) as notifications-service sends them. The inbox is emptied.
 *   <li>The newsletter to "workshops" is created and scheduled through the gateway; the program waits (at most
 *       {@code BENCH_NEWSLETTER_MAX_SECONDS}, 600) until it is sent, watching the newsletter's document (a read by id) and the
 *       API's progress every 30 s. Then every arrival at the sink is read back.
 * </ol>
 *
 * <p>Fails when not every subscriber got exactly one copy, when anything failed or was skipped, or when the service's
 * count of sent emails differs from the sink's. The targets (at least 500 emails/s when the sink allows it, within
 * 80% of the sink's ceiling) are reported, not enforced. Figures go to {@code target/bench-results.txt}; with
 * {@code BENCH_STACK_PID} (the launcher's process) the CPU time of every process of the stack during each phase is
 * reported, and with {@code BENCH_JFR_DIR} as well, notifications-service and the launcher are recorded with JFR
 * during the send and the recordings summarised.
 */
public final class NewsletterFanout {

    private static final String NAME = "NewsletterFanout";
    private static final String ORGANISATION = Bench.env("BENCH_ORGANISATION", "demo");
    private static final int SUBSCRIBERS = Bench.envInt("BENCH_SUBSCRIBERS", 20_000);
    private static final int SINK_MESSAGES = Bench.envInt("BENCH_SINK_MESSAGES", SUBSCRIBERS);
    private static final int SINK_WARMUP = Bench.envInt("BENCH_SINK_WARMUP", 500);
    private static final int CONNECTIONS = Bench.envInt("CONVENE_NEWSLETTER_CONNECTIONS", 4);
    private static final int BATCH_SIZE = Bench.envInt("CONVENE_NEWSLETTER_BATCH_SIZE", 25);
    private static final int RATE = Bench.envInt("CONVENE_NEWSLETTER_RATE_PER_SECOND", 50);
    private static final int MAX_SECONDS = Bench.envInt("BENCH_NEWSLETTER_MAX_SECONDS", 600);
    private static final String DATABASE = Bench.env("BENCH_NOTIFICATIONS_DATABASE", "convene-notifications");
    private static final String TOPIC = "workshops";
    private static final String CALIBRATION_TOPIC = "podcasts";
    private static final Pattern CONFIRM_LINK = Pattern.compile("/newsletter/confirm/([A-Za-z0-9_-]{20,100})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String subject = "Workshops this spring: new dates, new venues (" + run + ")";
    private final List<String> problems = new ArrayList<>();
    private final Session mailSession;
    private final String smtpHost;
    private final int smtpPort;
    private String token;
    private long tokenAt;

    private NewsletterFanout() {
        var smtp = Bench.env("BENCH_SMTP", null);
        smtpHost = smtp.substring(0, smtp.lastIndexOf(':'));
        smtpPort = Integer.parseInt(smtp.substring(smtp.lastIndexOf(':') + 1));
        var properties = new Properties();
        properties.put("mail.smtp.host", smtpHost);
        properties.put("mail.smtp.port", String.valueOf(smtpPort));
        mailSession = Session.getInstance(properties);
        for (var address :
                List.of(Bench.gateway(), Bench.inbox(), Bench.env("BENCH_MONGO", null), "smtp://" + smtp, identity())) {
            requireLocal(address);
        }
    }

    public static void main(String[] args) throws Exception {
        // Every wait below has its own limit; this one bounds the whole, whatever hangs.
        java.util.concurrent.CompletableFuture.runAsync(
                () -> {
                    System.err.println(NAME + ": still running " + (MAX_SECONDS + 600) + " s after start: abandoned");
                    Runtime.getRuntime().halt(3);
                },
                java.util.concurrent.CompletableFuture.delayedExecutor(
                        MAX_SECONDS + 600L, java.util.concurrent.TimeUnit.SECONDS));
        System.exit(new NewsletterFanout().run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        record("machine: %d cores, load average at start %s; service pacing %d/s, %d connections, batches of %d"
                .formatted(Runtime.getRuntime().availableProcessors(), loadAverage(), RATE, CONNECTIONS, BATCH_SIZE));
        try (MongoClient mongo = MongoClients.create(Bench.env("BENCH_MONGO", null))) {
            var subscribers = mongo.getDatabase(DATABASE).getCollection("subscribers");
            var newsletters = mongo.getDatabase(DATABASE).getCollection("newsletters");
            long existing = subscribers.countDocuments(Filters.and(
                    Filters.eq("organisationId", ORGANISATION),
                    Filters.eq("status", "CONFIRMED"),
                    Filters.in("topics", TOPIC)));
            purgeInbox();

            // 1. One subscriber by the API; its document is the model of the seeded ones.
            String calibration = "calibration-" + run + "@bench.convene.test";
            Document template = subscribeAndConfirm(subscribers, calibration);
            var seeded = seed(subscribers, template);
            long confirmed = subscribers.countDocuments(Filters.and(
                    Filters.eq("organisationId", ORGANISATION),
                    Filters.eq("status", "CONFIRMED"),
                    Filters.in("topics", TOPIC)));
            if (confirmed != existing + SUBSCRIBERS) {
                throw new IllegalStateException("after seeding, " + confirmed + " confirmed subscribers of " + TOPIC
                        + " instead of " + (existing + SUBSCRIBERS));
            }

            // 2. The newsletter as the service writes it, sent once to the calibration subscriber.
            var model = calibrationCopy(newsletters, calibration, template.getString("token"));
            var sink = new SinkMessages(model, template.getString("token"));
            checkShape(sink, model);

            // 3. The sink alone.
            var ceiling = sinkCeiling(sink, seeded);

            // 4. The newsletter to everyone.
            purgeInbox();
            var sent = fanOut(newsletters, seeded, existing, ceiling);
            return sent && problems.isEmpty();
        } catch (RuntimeException e) {
            problems.add(e.toString());
            throw e;
        } finally {
            if (!problems.isEmpty()) {
                record("FAILED: " + String.join("; ", problems));
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- subscribers

    private Document subscribeAndConfirm(MongoCollection<Document> subscribers, String address) {
        var asked = call(
                "POST",
                Bench.gateway() + "/api/newsletter/subscriptions",
                """
                {"organisationId":"%s","email":"%s","name":"Calibration","topics":["%s"]}""".formatted(ORGANISATION, address, CALIBRATION_TOPIC),
                null);
        Bench.require(asked, 202, "subscribe " + address);
        String confirmToken = await("a confirmation email to " + address)
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> {
                            String found = null;
                            for (JsonNode email :
                                    call("GET", inboxTo(address), null, null).json()) {
                                var matcher =
                                        CONFIRM_LINK.matcher(email.path("text").asString(""));
                                if (matcher.find()) {
                                    found = matcher.group(1);
                                }
                            }
                            return found;
                        },
                        Objects::nonNull);
        Bench.require(
                call(
                        "POST",
                        Bench.gateway() + "/api/newsletter/subscriptions/" + confirmToken + "/confirmation",
                        null,
                        null),
                200,
                "confirm " + address);
        var document = subscribers.find(Filters.eq("token", confirmToken)).first();
        if (document == null || !"CONFIRMED".equals(document.getString("status"))) {
            throw new IllegalStateException("the confirmed subscriber's document is not as expected: " + document);
        }
        for (var field : List.of(
                "_id",
                "organisationId",
                "email",
                "name",
                "topics",
                "status",
                "token",
                "subscribedAt",
                "confirmedAt",
                "lastConfirmationSentAt")) {
            if (!document.containsKey(field)) {
                throw new IllegalStateException("the subscriber document has no " + field + ": " + document.keySet());
            }
        }
        record("template subscriber document written by notifications-service: fields " + document.keySet());
        return document;
    }

    /** The addresses, ids and tokens of the seeded subscribers, index by index. */
    private record Seeded(String[] addresses, String[] ids, String[] tokens) {}

    private Seeded seed(MongoCollection<Document> subscribers, Document template) {
        var addresses = new String[SUBSCRIBERS];
        var ids = new String[SUBSCRIBERS];
        var tokens = new String[SUBSCRIBERS];
        long started = System.nanoTime();
        var now = Instant.now();
        var batch = new ArrayList<Document>(1000);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            addresses[i] = "fanout-" + run + "-" + i + "@bench.convene.test";
            ids[i] = idOf(ORGANISATION, addresses[i]);
            tokens[i] = newToken();
            var subscribedAt = Date.from(now.minusSeconds(86_400L + i));
            var document = new Document(template);
            document.put("_id", ids[i]);
            document.put("organisationId", ORGANISATION);
            document.put("email", addresses[i]);
            document.put("name", "Subscriber " + i);
            document.put("topics", List.of(TOPIC));
            document.put("status", "CONFIRMED");
            document.put("token", tokens[i]);
            document.put("subscribedAt", subscribedAt);
            document.put("confirmedAt", Date.from(subscribedAt.toInstant().plusSeconds(600)));
            document.put("lastConfirmationSentAt", subscribedAt);
            batch.add(document);
            if (batch.size() == 1000 || i == SUBSCRIBERS - 1) {
                subscribers.insertMany(batch);
                batch.clear();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        record(
                "seeded %,d confirmed subscribers of %s/%s straight into the store in %.1f s (%.0f inserts/s, batches of 1,000)"
                        .formatted(SUBSCRIBERS, ORGANISATION, TOPIC, seconds, SUBSCRIBERS / seconds));
        return new Seeded(addresses, ids, tokens);
    }

    /** As SubscriptionService derives it: the same address on the same list always has the same id. */
    private static String idOf(String organisationId, String address) {
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest((organisationId + "\n" + address).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String newToken() {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // ---------------------------------------------------------------------------------------------- the message

    /** The copy the service sent to the calibration subscriber, as the inbox shows it. */
    private record Copy(
            String messageId,
            Map<String, List<String>> headers,
            String subject,
            String text,
            String html,
            String newsletterId) {}

    private Copy calibrationCopy(MongoCollection<Document> newsletters, String address, String calibrationToken) {
        var id = createNewsletter(CALIBRATION_TOPIC);
        Bench.require(
                call("POST", Bench.gateway() + "/api/newsletters/" + id + "/schedule", "{}", token()),
                202,
                "schedule the calibration newsletter");
        JsonNode email = await("the calibration newsletter at " + address)
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> {
                            JsonNode found = null;
                            for (JsonNode candidate :
                                    call("GET", inboxTo(address), null, null).json()) {
                                if (subject.equals(candidate.path("subject").asString())) {
                                    found = candidate;
                                }
                            }
                            return found;
                        },
                        Objects::nonNull);
        var headers = new LinkedHashMap<String, List<String>>();
        email.path("headers").properties().forEach(header -> {
            var values = new ArrayList<String>();
            header.getValue().forEach(value -> values.add(value.asString()));
            headers.put(header.getKey(), values);
        });
        var copy = new Copy(
                email.path("messageId").asString(),
                headers,
                email.path("subject").asString(),
                email.path("text").asString(),
                email.path("html").asString(),
                id);
        if (!copy.text().contains(calibrationToken) || !copy.html().contains(calibrationToken)) {
            throw new IllegalStateException("the newsletter copy does not carry the subscriber's token");
        }
        awaitStatus(newsletters, id, "SENT", Duration.ofSeconds(60));
        return copy;
    }

    /**
     * Messages of the newsletter's size and shape, built as MailComposer builds them (MimeMessageHelper's
     * mixed/related/alternative with a UTF-8 text and HTML part, the same headers), for any subscriber.
     */
    private final class SinkMessages {
        private final Copy model;
        private final String modelToken;

        SinkMessages(Copy model, String modelToken) {
            this.model = model;
            this.modelToken = modelToken;
        }

        /** Serialised and parsed again, so sending it writes the bytes as they are. */
        MimeMessage build(String to, String messageId, String subscriberToken) {
            try {
                var message = new MimeMessage(mailSession) {
                    @Override
                    protected void updateMessageID() throws MessagingException {
                        setHeader("Message-ID", messageId);
                    }
                };
                message.setHeader("From", first("From"));
                if (first("Reply-To") != null) {
                    message.setHeader("Reply-To", first("Reply-To"));
                }
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
                message.setHeader("Subject", first("Subject"));
                var mixed = new MimeMultipart("mixed");
                message.setContent(mixed);
                var relatedPart = new MimeBodyPart();
                mixed.addBodyPart(relatedPart);
                var related = new MimeMultipart("related");
                relatedPart.setContent(related);
                var mainPart = new MimeBodyPart();
                related.addBodyPart(mainPart);
                var alternative = new MimeMultipart("alternative");
                mainPart.setContent(alternative, "multipart/alternative");
                var text = new MimeBodyPart();
                text.setText(model.text().replace(modelToken, subscriberToken), "UTF-8");
                alternative.addBodyPart(text);
                var html = new MimeBodyPart();
                html.setContent(model.html().replace(modelToken, subscriberToken), "text/html;charset=UTF-8");
                alternative.addBodyPart(html);
                for (var name : List.of("List-Unsubscribe", "List-Unsubscribe-Post", "List-Id")) {
                    if (first(name) != null) {
                        message.setHeader(name, first(name).replace(modelToken, subscriberToken));
                    }
                }
                // As JavaMailSenderImpl sends: a date, the changes saved, the chosen Message-ID kept.
                message.setSentDate(new Date());
                message.saveChanges();
                var bytes = new ByteArrayOutputStream(16_384);
                message.writeTo(bytes);
                return new MimeMessage(mailSession, new ByteArrayInputStream(bytes.toByteArray()));
            } catch (MessagingException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private String first(String header) {
            for (var entry : model.headers().entrySet()) {
                if (entry.getKey().equalsIgnoreCase(header) && !entry.getValue().isEmpty()) {
                    return entry.getValue().getFirst();
                }
            }
            return null;
        }
    }

    /** One rebuilt message through the sink, compared with the service's own copy. */
    private void checkShape(SinkMessages sink, Copy model) throws Exception {
        String to = "shape-" + run + "@bench.convene.test";
        String shapeToken = newToken();
        var message = sink.build(to, "<shape-" + run + "@convene>", shapeToken);
        sendBatches(List.of(List.of(message)), 1, null);
        JsonNode received = await("the rebuilt message at the sink")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> {
                            JsonNode found = null;
                            for (JsonNode email :
                                    call("GET", inboxTo(to), null, null).json()) {
                                found = email;
                            }
                            return found;
                        },
                        Objects::nonNull);
        var ours = new TreeMap<String, Integer>(String.CASE_INSENSITIVE_ORDER);
        received.path("headers")
                .properties()
                .forEach(h -> ours.put(h.getKey(), h.getValue().size()));
        var theirs = new TreeMap<String, Integer>(String.CASE_INSENSITIVE_ORDER);
        model.headers().forEach((name, values) -> theirs.put(name, values.size()));
        // Line ends compared loosely: what matters is the same words in the same parts.
        var sameText = lines(received.path("text").asString(""))
                .equals(lines(model.text().replace(sink.modelToken, shapeToken)));
        var sameHtml = lines(received.path("html").asString(""))
                .equals(lines(model.html().replace(sink.modelToken, shapeToken)));
        var size = size(message);
        record(
                "one newsletter email: %,d bytes as sent (text %,d and HTML %,d characters); rebuilt for the sink: headers %s, text %s, HTML %s"
                        .formatted(
                                size,
                                model.text().length(),
                                model.html().length(),
                                ours.equals(theirs) ? "as the service's" : "DIFFERENT: " + ours + " vs " + theirs,
                                sameText ? "same" : "DIFFERENT",
                                sameHtml ? "same" : "DIFFERENT"));
        if (!ours.equals(theirs) || !sameText || !sameHtml) {
            throw new IllegalStateException("the message rebuilt for the sink is not shaped as the service's copy");
        }
    }

    private static String lines(String text) {
        return text.replace("\r\n", "\n").strip();
    }

    private static int size(MimeMessage message) throws IOException, MessagingException {
        var bytes = new ByteArrayOutputStream();
        message.writeTo(bytes);
        return bytes.size();
    }

    // ---------------------------------------------------------------------------------------------- the sink alone

    private record Ceiling(double perSecond, double middlePerSecond) {}

    private Ceiling sinkCeiling(SinkMessages sink, Seeded seeded) throws Exception {
        var warmup = new ArrayList<MimeMessage>();
        for (int i = 0; i < SINK_WARMUP; i++) {
            warmup.add(sink.build(
                    "warmup-" + run + "-" + i + "@bench.convene.test",
                    "<warmup-" + run + "-" + i + "@convene>",
                    newToken()));
        }
        sendBatches(batches(warmup), CONNECTIONS, null);
        purgeInbox();

        // The same recipients as the newsletter's, so the sink holds as many mailboxes as it will then.
        var messages = new ArrayList<MimeMessage>(SINK_MESSAGES);
        for (int i = 0; i < SINK_MESSAGES; i++) {
            int s = i % SUBSCRIBERS;
            messages.add(sink.build(
                    seeded.addresses()[s],
                    "<sink-" + run + "-" + i + "." + seeded.ids()[s] + "@convene>",
                    seeded.tokens()[s]));
        }
        var done = new long[SINK_MESSAGES];
        var cpu = Cpu.now();
        long started = System.nanoTime();
        sendBatches(batches(messages), CONNECTIONS, done);
        long finished = System.nanoTime();
        var used = Cpu.now().since(cpu);
        double seconds = (finished - started) / 1e9;
        for (int i = 0; i < done.length; i++) {
            done[i] -= started;
        }
        var middle = middleRate(done, 1e9);
        var arrived = countArrivals(email -> {});
        purgeInbox();
        record(
                "SMTP sink alone (GreenMail in the launcher): %,d messages to the %,d subscribers' addresses, %d connections, batches of %d: %.1f s, %.0f msgs/s overall, %.0f msgs/s over the middle 80%%; %,d arrived%s"
                        .formatted(
                                SINK_MESSAGES,
                                Math.min(SINK_MESSAGES, SUBSCRIBERS),
                                CONNECTIONS,
                                BATCH_SIZE,
                                seconds,
                                SINK_MESSAGES / seconds,
                                middle,
                                arrived,
                                used.describe(seconds)));
        if (arrived != SINK_MESSAGES) {
            problems.add("the sink holds " + arrived + " of the " + SINK_MESSAGES + " messages sent to it alone");
        }
        return new Ceiling(SINK_MESSAGES / seconds, middle);
    }

    private List<List<MimeMessage>> batches(List<MimeMessage> messages) {
        var batches = new ArrayList<List<MimeMessage>>();
        for (int i = 0; i < messages.size(); i += BATCH_SIZE) {
            batches.add(messages.subList(i, Math.min(messages.size(), i + BATCH_SIZE)));
        }
        return batches;
    }

    /**
     * Each batch over one connection, as JavaMailSenderImpl.send(MimeMessage...) does: connect, send each, close;
     * {@code connections} batches at a time. {@code done}, when given, gets each message's completion time.
     */
    private void sendBatches(List<List<MimeMessage>> batches, int connections, long[] done) throws Exception {
        var next = new AtomicInteger();
        var failures = new ConcurrentLinkedQueue<Exception>();
        var threads = new ArrayList<Thread>();
        for (int c = 0; c < connections; c++) {
            threads.add(Thread.ofPlatform().name("sink-" + c).start(() -> {
                for (int b = next.getAndIncrement(); b < batches.size(); b = next.getAndIncrement()) {
                    try (var transport = mailSession.getTransport("smtp")) {
                        transport.connect(smtpHost, smtpPort, null, null);
                        int index = b * BATCH_SIZE;
                        for (var message : batches.get(b)) {
                            transport.sendMessage(message, message.getAllRecipients());
                            if (done != null) {
                                done[index] = System.nanoTime();
                            }
                            index++;
                        }
                    } catch (Exception e) {
                        failures.add(e);
                        return;
                    }
                }
            }));
        }
        for (var thread : threads) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("sending to the sink failed: " + failures.peek(), failures.peek());
        }
    }

    // ---------------------------------------------------------------------------------------------- the fan-out

    private boolean fanOut(MongoCollection<Document> newsletters, Seeded seeded, long existing, Ceiling ceiling)
            throws Exception {
        long expected = existing + SUBSCRIBERS;
        var id = createNewsletter(TOPIC);
        var jfr = Jfr.start();
        var cpu = Cpu.now();
        long scheduledNanos = System.nanoTime();
        Bench.require(
                call("POST", Bench.gateway() + "/api/newsletters/" + id + "/schedule", "{}", token()),
                202,
                "schedule the newsletter");
        var scheduledAt = Instant.now();
        long[] nextProgress = {System.nanoTime() + Duration.ofSeconds(30).toNanos()};
        try {
            await("newsletter " + id + " sent")
                    .atMost(Duration.ofSeconds(MAX_SECONDS))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        if (System.nanoTime() > nextProgress[0]) {
                            say("  after %.0f s: %s"
                                    .formatted((System.nanoTime() - scheduledNanos) / 1e9, progress(id)));
                            nextProgress[0] =
                                    System.nanoTime() + Duration.ofSeconds(30).toNanos();
                        }
                        var document = newsletters.find(Filters.eq("_id", id)).first();
                        var status = document == null ? "MISSING" : document.getString("status");
                        return status.equals("SENT") || status.equals("CANCELLED");
                    });
        } catch (ConditionTimeoutException notSentInTime) {
            var cancelled = call("POST", Bench.gateway() + "/api/newsletters/" + id + "/cancel", null, token());
            problems.add("not sent within " + MAX_SECONDS + " s (BENCH_NEWSLETTER_MAX_SECONDS); cancelled: "
                    + cancelled.status() + ". Progress: " + progress(id));
        }
        long waited = System.nanoTime() - scheduledNanos;
        var used = Cpu.now().since(cpu);
        var recordings = jfr.stop();

        var answer = call("GET", Bench.gateway() + "/api/newsletters/" + id, null, token());
        Bench.require(answer, 200, "read the newsletter");
        var newsletter = answer.json();
        String status = newsletter.path("status").asString();
        var progress = newsletter.path("progress");
        long sent = progress.path("sent").asLong();
        long failed = progress.path("failed").asLong();
        long skipped = progress.path("skipped").asLong();
        long recipients = progress.path("recipients").asLong();
        var startedAt = instant(newsletter.path("startedAt"));
        var finishedAt = instant(newsletter.path("finishedAt"));

        // Every arrival at the sink: each seeded subscriber exactly once.
        var position = new HashMap<String, Integer>(SUBSCRIBERS * 2);
        for (int i = 0; i < SUBSCRIBERS; i++) {
            position.put(seeded.addresses()[i], i);
        }
        var copies = new int[SUBSCRIBERS];
        var arrivals = new ArrayList<Instant>(SUBSCRIBERS);
        var others = new AtomicInteger();
        var messageIdPrefix = "<" + id + ".";
        countArrivals(email -> {
            if (!email.path("messageId").asString("").startsWith(messageIdPrefix)) {
                return;
            }
            arrivals.add(Instant.parse(email.path("receivedAt").asString()));
            for (JsonNode to : email.path("to")) {
                var i = position.get(to.asString().toLowerCase(Locale.ROOT));
                if (i == null) {
                    others.incrementAndGet();
                } else {
                    copies[i]++;
                }
            }
        });
        long missing = Arrays.stream(copies).filter(n -> n == 0).count();
        long duplicated = Arrays.stream(copies).filter(n -> n > 1).count();

        arrivals.sort(null);
        var times = new long[arrivals.size()];
        for (int i = 0; i < times.length; i++) {
            times[i] = Duration.between(startedAt == null ? scheduledAt : startedAt, arrivals.get(i))
                    .toMillis();
        }
        double middle = middleRate(times, 1e3);
        double overall = startedAt != null && finishedAt != null
                ? sent / (Duration.between(startedAt, finishedAt).toMillis() / 1e3)
                : Double.NaN;
        double sendingPhase = arrivals.size() > 1
                ? (arrivals.size() - 1)
                        / (Duration.between(arrivals.getFirst(), arrivals.getLast())
                                        .toMillis()
                                / 1e3)
                : Double.NaN;
        record(
                "newsletter %s to %,d confirmed subscribers (%,d seeded): status %s, recipients %,d, sent %,d, failed %,d, skipped %,d; %,d arrived at the sink (%,d subscribers without a copy, %,d with more than one, %,d to others)"
                        .formatted(
                                id,
                                expected,
                                SUBSCRIBERS,
                                status,
                                recipients,
                                sent,
                                failed,
                                skipped,
                                arrivals.size(),
                                missing,
                                duplicated,
                                others.get()));
        record(
                "newsletter timing: schedule -> startedAt %s s, startedAt -> first arrival %s s (planning), first -> last arrival %s s, last arrival -> finishedAt %s s, startedAt -> finishedAt %s s"
                        .formatted(
                                seconds(scheduledAt, startedAt),
                                seconds(startedAt, arrivals.isEmpty() ? null : arrivals.getFirst()),
                                seconds(
                                        arrivals.isEmpty() ? null : arrivals.getFirst(),
                                        arrivals.isEmpty() ? null : arrivals.getLast()),
                                seconds(arrivals.isEmpty() ? null : arrivals.getLast(), finishedAt),
                                seconds(startedAt, finishedAt)));
        double ratio = middle / ceiling.middlePerSecond();
        boolean absolute = middle >= 500;
        boolean relative = ratio >= 0.8;
        record(
                ("newsletter emails/s: %.0f sustained (middle 80%% of arrivals), %.0f from first to last arrival, %.0f overall (sent / (finishedAt - startedAt), planning included); "
                                + "sink alone %.0f (middle 80%%), %.0f overall; sustained / sink = %.2f. Targets: >= 500/s %s; >= 80%% of the sink %s%s")
                        .formatted(
                                middle,
                                sendingPhase,
                                overall,
                                ceiling.middlePerSecond(),
                                ceiling.perSecond(),
                                ratio,
                                absolute
                                        ? "met"
                                        : (ceiling.middlePerSecond() < 500
                                                ? "not met (the sink itself is below 500/s)"
                                                : "NOT met"),
                                relative ? "met" : "NOT met",
                                used.describe(waited / 1e9)));
        recordings.forEach(Jfr::summarise);

        if (!status.equals("SENT")) {
            problems.add("the newsletter ended " + status);
        }
        if (sent != expected || recipients != expected) {
            problems.add("the service sent " + sent + " to " + recipients + " recipients, expected " + expected);
        }
        if (failed != 0 || skipped != 0) {
            problems.add(failed + " failed and " + skipped + " skipped");
        }
        if (missing != 0 || duplicated != 0) {
            problems.add(missing + " subscribers got no copy and " + duplicated + " more than one");
        }
        if (arrivals.size() != sent) {
            problems.add("the service counts " + sent + " sent, the sink received " + arrivals.size());
        }
        return problems.isEmpty();
    }

    private String createNewsletter(String topic) {
        var created = call(
                "POST",
                Bench.gateway() + "/api/newsletters",
                Bench.JSON.writeValueAsString(
                        Map.of("subject", subject, "markdown", MARKDOWN, "topics", List.of(topic))),
                token());
        Bench.require(created, 201, "create a newsletter");
        return created.json().path("id").asString();
    }

    private String progress(String id) {
        var answer = call("GET", Bench.gateway() + "/api/newsletters/" + id, null, token());
        return answer.status() == 200
                ? answer.json().path("status").asString() + " " + answer.json().path("progress")
                : answer.status() + " " + answer.body();
    }

    private void awaitStatus(MongoCollection<Document> newsletters, String id, String wanted, Duration within) {
        await("newsletter " + id + " " + wanted)
                .atMost(within)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    var document = newsletters.find(Filters.eq("_id", id)).first();
                    return document != null && wanted.equals(document.getString("status"));
                });
    }

    /** Messages a second over the middle 80% of the completion times (sorted here), in units a second. */
    private static double middleRate(long[] times, double unitsPerSecond) {
        if (times.length < 10) {
            return Double.NaN;
        }
        var sorted = times.clone();
        Arrays.sort(sorted);
        int from = (int) (sorted.length * 0.1);
        int to = (int) (sorted.length * 0.9);
        return (to - from) / ((sorted[to] - sorted[from]) / unitsPerSecond);
    }

    private static String seconds(Instant from, Instant to) {
        return from == null || to == null
                ? "?"
                : String.format(Locale.ROOT, "%.1f", Duration.between(from, to).toMillis() / 1e3);
    }

    private static Instant instant(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? null : Instant.parse(node.asString());
    }

    // ---------------------------------------------------------------------------------------------- the inbox

    private void purgeInbox() {
        Bench.require(call("DELETE", Bench.inbox(), null, null), 204, "empty the dev inbox");
    }

    private static String inboxTo(String address) {
        return Bench.inbox() + "?to=" + java.net.URLEncoder.encode(address, StandardCharsets.UTF_8);
    }

    /** Reads the whole inbox as a stream, one email at a time (it can be hundreds of megabytes); returns the count. */
    private static int countArrivals(Consumer<JsonNode> each) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(Bench.inbox()))
                .timeout(Duration.ofMinutes(5))
                .build();
        var response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the inbox answered " + response.statusCode());
        }
        // One value at a time from a longer stream: what follows each is not "trailing".
        var reader = Bench.JSON.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        int count = 0;
        try (InputStream body = response.body();
                JsonParser parser = Bench.JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new IllegalStateException("the inbox did not answer a JSON array");
            }
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode email = reader.readValue(parser);
                each.accept(email);
                count++;
            }
        }
        return count;
    }

    // ---------------------------------------------------------------------------------------------- HTTP, tokens

    private static Bench.Answer call(String method, String url, String body, String token) {
        return Bench.call(method, url, body, token);
    }

    private static String identity() {
        return Bench.env("BENCH_IDENTITY", "http://127.0.0.1:9000");
    }

    /** Tokens live 10 minutes and the scenario can take longer: a fresh one every 5. */
    private String token() {
        var secret = System.getenv("BENCH_CLIENT_SECRET");
        if (secret == null || secret.isBlank()) {
            return Bench.token();
        }
        if (token == null || System.nanoTime() - tokenAt > Duration.ofMinutes(5).toNanos()) {
            var request = HttpRequest.newBuilder(URI.create(identity() + "/oauth2/token"))
                    .timeout(Duration.ofSeconds(30))
                    .header(
                            "Authorization",
                            "Basic "
                                    + Base64.getEncoder()
                                            .encodeToString(
                                                    ("demo-automation:" + secret).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                    .build();
            try {
                var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("token: " + response.statusCode() + " " + response.body());
                }
                token = Bench.JSON
                        .readTree(response.body())
                        .path("access_token")
                        .asString();
                tokenAt = System.nanoTime();
            } catch (IOException e) {
                throw new IllegalStateException("token", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return token;
    }

    private static void requireLocal(String address) {
        var host = URI.create(address).getHost();
        if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
            throw new IllegalStateException("only 127.0.0.1 is a target of the load tests, not " + address);
        }
    }

    // ---------------------------------------------------------------------------------------------- machine

    private static String loadAverage() {
        try {
            var parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** CPU time used so far by each process of the stack (from BENCH_STACK_PID, the launcher) and by this one. */
    private record Cpu(Map<String, Duration> byProcess) {

        static Cpu now() {
            var used = new LinkedHashMap<String, Duration>();
            var stack = System.getenv("BENCH_STACK_PID");
            if (stack != null && !stack.isBlank()) {
                ProcessHandle.of(Long.parseLong(stack.trim())).ifPresent(launcher -> {
                    add(used, "launcher (store, broker, SMTP sink)", launcher);
                    launcher.descendants().forEach(child -> add(used, label(child), child));
                });
            }
            add(used, "bench client", ProcessHandle.current());
            return new Cpu(used);
        }

        private static void add(Map<String, Duration> used, String label, ProcessHandle process) {
            process.info().totalCpuDuration().ifPresent(cpu -> used.merge(label, cpu, Duration::plus));
        }

        private static String label(ProcessHandle process) {
            return process.info()
                    .arguments()
                    .flatMap(args -> Arrays.stream(args)
                            .filter(arg -> arg.endsWith(".jar"))
                            .map(jar -> Path.of(jar).getFileName().toString().replace(".jar", ""))
                            .findFirst())
                    .orElse("other (pid " + process.pid() + ")");
        }

        Cpu since(Cpu before) {
            var used = new LinkedHashMap<String, Duration>();
            byProcess.forEach(
                    (name, total) -> used.put(name, total.minus(before.byProcess.getOrDefault(name, Duration.ZERO))));
            return new Cpu(used);
        }

        String describe(double wallSeconds) {
            if (System.getenv("BENCH_STACK_PID") == null) {
                return "";
            }
            var total = byProcess.values().stream()
                    .mapToDouble(d -> d.toMillis() / 1e3)
                    .sum();
            var parts = new ArrayList<String>();
            byProcess.entrySet().stream()
                    .sorted(Map.Entry.<String, Duration>comparingByValue().reversed())
                    .forEach(e -> parts.add(
                            "%s %.1f".formatted(e.getKey(), e.getValue().toMillis() / 1e3)));
            return String.format(
                    Locale.ROOT,
                    "; CPU seconds in %.1f s of wall time (%.2f cores busy on average): %s",
                    wallSeconds,
                    total / wallSeconds,
                    String.join(", ", parts));
        }
    }

    /** JFR recordings of notifications-service and the launcher during the send, with BENCH_JFR_DIR. */
    private record Jfr(List<Path> files, List<Long> pids) {

        static Jfr start() {
            var dir = System.getenv("BENCH_JFR_DIR");
            var stack = System.getenv("BENCH_STACK_PID");
            if (dir == null || dir.isBlank() || stack == null || stack.isBlank()) {
                return new Jfr(List.of(), List.of());
            }
            var files = new ArrayList<Path>();
            var pids = new ArrayList<Long>();
            ProcessHandle.of(Long.parseLong(stack.trim())).ifPresent(launcher -> {
                var targets = new LinkedHashMap<String, ProcessHandle>();
                targets.put("launcher", launcher);
                launcher.descendants()
                        .filter(child -> Cpu.label(child).equals("notifications-service"))
                        .forEach(child -> targets.put("notifications-service", child));
                targets.forEach((name, process) -> {
                    var file = Path.of(dir).toAbsolutePath().resolve(name + ".jfr");
                    if (jcmd(process.pid(), "JFR.start", "name=fanout", "settings=profile", "filename=" + file)) {
                        files.add(file);
                        pids.add(process.pid());
                    }
                });
            });
            return new Jfr(files, pids);
        }

        List<Path> stop() {
            pids.forEach(pid -> jcmd(pid, "JFR.stop", "name=fanout"));
            return files.stream().filter(Files::isRegularFile).toList();
        }

        private static boolean jcmd(long pid, String... command) {
            var line = new ArrayList<String>();
            line.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
            line.add(String.valueOf(pid));
            line.addAll(List.of(command));
            try {
                var process = new ProcessBuilder(line).redirectErrorStream(true).start();
                var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    say("  jcmd " + String.join(" ", command) + " failed: " + output.strip());
                    return false;
                }
                return true;
            } catch (IOException e) {
                say("  jcmd failed: " + e.getMessage());
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        private static final Map<String, List<String>> KINDS = kinds();

        private static Map<String, List<String>> kinds() {
            var kinds = new LinkedHashMap<String, List<String>>();
            kinds.put("Mongo driver / BSON", List.of("com.mongodb.", "org.bson."));
            kinds.put("Spring Data (mapping, template)", List.of("org.springframework.data."));
            kinds.put("mongo-java-server (store)", List.of("de.bwaldvogel."));
            kinds.put("H2 MVStore", List.of("org.h2."));
            kinds.put("Java serialisation", List.of("java.io.ObjectInputStream", "java.io.ObjectOutputStream"));
            kinds.put("GreenMail (SMTP sink)", List.of("com.icegreen."));
            kinds.put("Jakarta Mail / Angus (SMTP, MIME)", List.of("jakarta.mail.", "org.eclipse.angus."));
            kinds.put("Thymeleaf (rendering)", List.of("org.thymeleaf.", "org.attoparser."));
            kinds.put("Netty I/O", List.of("io.netty."));
            kinds.put("Reactor", List.of("reactor."));
            kinds.put("tracing / metrics", List.of("io.micrometer.", "io.opentelemetry."));
            kinds.put("Kafka", List.of("org.apache.kafka.", "kafka."));
            kinds.put("regular expressions", List.of("java.util.regex."));
            return kinds;
        }

        /** Shares of execution samples: by what their stack contains, by top frame, by thread. */
        static void summarise(Path file) {
            var kinds = new LinkedHashMap<String, Integer>();
            var topFrames = new HashMap<String, Integer>();
            var threads = new HashMap<String, Integer>();
            int samples = 0;
            Instant first = null;
            Instant last = null;
            try (var recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                            || event.getStackTrace() == null) {
                        continue;
                    }
                    samples++;
                    first = first == null || event.getStartTime().isBefore(first) ? event.getStartTime() : first;
                    last = last == null || event.getStartTime().isAfter(last) ? event.getStartTime() : last;
                    List<RecordedFrame> frames = event.getStackTrace().getFrames();
                    if (!frames.isEmpty()) {
                        var top = frames.getFirst().getMethod();
                        topFrames.merge(top.getType().getName() + "." + top.getName(), 1, Integer::sum);
                    }
                    var thread = event.getThread("sampledThread");
                    var threadName = thread == null || thread.getJavaName() == null
                            ? "?"
                            : thread.getJavaName().replaceAll("\\d+", "N");
                    threads.merge(threadName, 1, Integer::sum);
                    for (var kind : KINDS.entrySet()) {
                        boolean contains = frames.stream()
                                .anyMatch(frame -> kind.getValue().stream()
                                        .anyMatch(prefix -> frame.getMethod()
                                                .getType()
                                                .getName()
                                                .startsWith(prefix)));
                        if (contains) {
                            kinds.merge(kind.getKey(), 1, Integer::sum);
                        }
                    }
                }
            } catch (IOException e) {
                say("  cannot read " + file + ": " + e.getMessage());
                return;
            }
            int total = samples;
            record("JFR %s: %,d execution samples in %s s; stacks containing: %s; top frames: %s; by thread: %s"
                    .formatted(
                            file,
                            total,
                            first == null ? "?" : seconds(first, last),
                            shares(kinds, total, 12),
                            shares(topFrames, total, 8),
                            shares(threads, total, 6)));
        }

        private static String shares(Map<String, Integer> counts, int total, int limit) {
            var parts = new ArrayList<String>();
            counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                    .limit(limit)
                    .forEach(e -> parts.add("%s %.0f%%".formatted(e.getKey(), 100.0 * e.getValue() / total)));
            return String.join(", ", parts);
        }
    }

    private static void record(String line) {
        Bench.record(NAME, line);
    }

    private static void say(String line) {
        System.out.println(line);
    }

    /** A newsletter of ordinary length: about 2.5 KB of Markdown. */
    private static final String MARKDOWN = """
            ## Spring workshops are open for booking

            Thank you to everyone who came along this winter. More than three hundred young people, carers and support
            workers joined a Convene workshop in the last three months, and many of you asked for more dates in the
            evenings and at weekends. We listened: this spring there are **twelve new workshops** in six venues, all of
            them step-free, most of them with a quiet room, and every one of them free to attend.

            ### What is new

            - **Evening sessions** on Tuesdays and Thursdays, 6 pm to 8 pm, for people who work or study in the day.
            - **Saturday mornings** at the Community Hall in Leeds and the Library in Bradford.
            - **Bring a companion**: every booking can include up to two carers or support workers at no cost.
            - **Quiet spaces** at every venue, with a member of staff you can talk to if you need a break.

            ### Workshops this term

            1. *Cooking on a budget* - plan a week of meals, shop for them and cook two of them together.
            2. *Money matters* - bank accounts, bills and how to spot a scam before it costs you anything.
            3. *Getting about* - buses, trains and the apps that help, with a trip into town to try them out.
            4. *Speaking up* - how to say what you need at an appointment, a meeting or an interview.
            5. *First aid for everyday life* - burns, cuts and what to do while you wait for help.

            Each workshop runs for three hours with a break, and places are limited to keep the groups small. When a
            workshop is full you can join its waiting list: we tell you straight away when a place becomes free, and
            you can always see where you are on the list from the link in your confirmation email.

            ### Accessibility

            All venues are step-free and have an accessible toilet. Hearing loops are available at the Community Hall
            and the Library; tell us in your booking if you need British Sign Language interpretation, large-print
            materials or anything else, and we will arrange it. If you are not sure whether a workshop is right for
            you, reply to this email and one of the team will call you back.

            ### Thank you

            None of this happens without the volunteers who run the sessions and the venues who open their doors for
            free. If you would like to help, or know a space we could use, we would love to hear from you.

            [See every workshop and book a place](https://convene.example/workshops)

            With best wishes,
            The Demo organisation team
            """;
}
