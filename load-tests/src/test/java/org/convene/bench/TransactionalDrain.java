package org.convene.bench;

import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import tools.jackson.databind.JsonNode;

/**
 * (f) Transactional drain (issue 15): {@code BENCH_DRAIN} (5,000) confirmation emails queued at once in
 * notifications-service's store, as a crash or an outage of the mail server leaves them, sent into the stack's SMTP
 * server; and that sink's own ceiling measured in the same run with messages of the same shape and size, over as many
 * connections ({@code CONVENE_EMAIL_WORKERS}, 4) carrying batches of {@code CONVENE_EMAIL_BATCH_SIZE} (10).
 *
 * <ol>
 *   <li>A workshop is created and published; one delivery is queued for it and its email read back from the inbox:
 *       the model of the sink's messages (text, HTML, calendar attachment of the same sizes).
 *   <li>The sink alone: the same number of messages to as many addresses; the inbox emptied.
 *   <li>The drain: the deliveries inserted in one go (pending, due, unheld, each with its own address), found by the
 *       service's sweep; the time from the insert to the last arrival, and from the first arrival to the last.
 * </ol>
 *
 * Fails unless every address got exactly one email. Target: at least 300 emails/s, or 0.8 of the sink's ceiling.
 */
public final class TransactionalDrain {

    private static final String NAME = "TransactionalDrain";
    private static final int DRAIN = Bench.envInt("BENCH_DRAIN", 5_000);
    private static final int CONNECTIONS = Bench.envInt("CONVENE_EMAIL_WORKERS", 4);
    private static final int BATCH_SIZE = Bench.envInt("CONVENE_EMAIL_BATCH_SIZE", 10);
    private static final int MAX_SECONDS = Bench.envInt("BENCH_DRAIN_MAX_SECONDS", 300);
    private static final String DATABASE = Bench.env("BENCH_NOTIFICATIONS_DATABASE", "convene-notifications");

    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final Session mail;

    private TransactionalDrain() {
        var smtp = Bench.env("BENCH_SMTP", null);
        var properties = new Properties();
        properties.put("mail.smtp.host", smtp.substring(0, smtp.lastIndexOf(':')));
        properties.put("mail.smtp.port", smtp.substring(smtp.lastIndexOf(':') + 1));
        mail = Session.getInstance(properties);
    }

    public static void main(String[] args) throws Exception {
        System.exit(new TransactionalDrain().run() ? 0 : 1);
    }

    private boolean run() throws Exception {
        var eventId = Bench.publishedEvent("Drain bench " + run, 10, 0);
        try (var mongo = MongoClients.create(Bench.env("BENCH_MONGO", null))) {
            var database = mongo.getDatabase(DATABASE);
            var deliveries = database.getCollection("deliveries");
            org.awaitility.Awaitility.await("notifications-service learning of the event")
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> database.getCollection("event_views")
                                    .find(Filters.eq("_id", eventId))
                                    .first()
                            != null);

            var modelAddress = "drain-" + run + "-model@bench.convene.test";
            deliveries.insertOne(delivery(eventId, modelAddress, Instant.now()));
            var model = awaitEmails(0, List.of(modelAddress), Duration.ofSeconds(60))
                    .get(modelAddress);
            var sinkPerSecond = sinkCeiling(model);
            Bench.call("DELETE", Bench.inbox(), null, null);

            var addresses = new ArrayList<String>(DRAIN);
            var documents = new ArrayList<Document>(DRAIN);
            var queuedAt = Instant.now();
            for (int i = 0; i < DRAIN; i++) {
                var address = "drain-" + run + "-" + i + "@bench.convene.test";
                addresses.add(address);
                documents.add(delivery(eventId, address, queuedAt));
            }
            deliveries.insertMany(documents);
            var inserted = Instant.now();
            var arrived = awaitEmails(0, addresses, Duration.ofSeconds(MAX_SECONDS));

            var problems = new ArrayList<String>();
            long missing =
                    addresses.stream().filter(a -> !arrived.containsKey(a)).count();
            long twice = counts.values().stream().filter(n -> n > 1).count();
            if (missing > 0) {
                problems.add(missing + " never arrived");
            }
            if (twice > 0) {
                problems.add(twice + " arrived more than once");
            }
            var first = arrived.values().stream()
                    .map(e -> e.at)
                    .min(Instant::compareTo)
                    .orElse(inserted);
            var last = arrived.values().stream()
                    .map(e -> e.at)
                    .max(Instant::compareTo)
                    .orElse(inserted);
            double fromInsert = arrived.size() / seconds(inserted, last);
            double steady = (arrived.size() - 1) / seconds(first, last);
            Bench.record(
                    NAME,
                    String.format(
                            java.util.Locale.ROOT,
                            "%d queued confirmations: %d arrived; from the insert to the last %.1f s = %.0f emails/s"
                                    + " (first after %.1f s: the sweep); first to last %.0f emails/s; the sink alone %.0f/s;"
                                    + " drain/sink %.2f (steady %.2f)%s",
                            DRAIN,
                            arrived.size(),
                            seconds(inserted, last),
                            fromInsert,
                            seconds(inserted, first),
                            steady,
                            sinkPerSecond,
                            fromInsert / sinkPerSecond,
                            steady / sinkPerSecond,
                            problems.isEmpty() ? "" : "; PROBLEMS: " + String.join(", ", problems)));
            return problems.isEmpty();
        }
    }

    private final Map<String, Integer> counts = new HashMap<>();

    private record Arrival(Instant at, JsonNode email) {}

    /** Reads the inbox (only what is new each time) until every address has an email or the time is up. */
    private Map<String, Arrival> awaitEmails(long since, List<String> addresses, Duration within) throws Exception {
        var wanted = new java.util.HashSet<>(addresses);
        var arrived = new HashMap<String, Arrival>();
        var seen = since;
        var deadline = Instant.now().plus(within);
        while (arrived.size() < wanted.size() && Instant.now().isBefore(deadline)) {
            for (JsonNode email : Bench.call("GET", Bench.inbox() + "?since=" + seen, null, null)
                    .json()) {
                seen = Math.max(seen, email.path("id").asLong());
                for (JsonNode to : email.path("to")) {
                    var address = to.asString().toLowerCase();
                    if (wanted.contains(address)) {
                        counts.merge(address, 1, Integer::sum);
                        arrived.putIfAbsent(
                                address,
                                new Arrival(
                                        Instant.parse(email.path("receivedAt").asString()), email));
                    }
                }
            }
            Thread.sleep(500);
        }
        return arrived;
    }

    /** What notifications-service stores for a queued confirmation (its Delivery record). */
    private static Document delivery(String eventId, String address, Instant at) {
        var registration = new Document("_id", UUID.randomUUID().toString())
                .append("seats", 1)
                .append("companions", List.of())
                .append("supportRequested", List.of());
        return new Document("_id", UUID.randomUUID() + ":attendee")
                .append("kind", "confirmation")
                .append("recipient", address)
                .append("recipientName", "Person")
                .append("eventId", eventId)
                .append("registration", registration)
                .append("privateLink", "http://localhost:8080/manage/bench")
                .append("status", "PENDING")
                .append("attempts", 0)
                .append("nextAttemptAt", Date.from(at))
                .append("createdAt", Date.from(at))
                .append("lease", UUID.randomUUID().toString());
    }

    /** The sink alone: as many messages of the model's shape, over the same connections and batches. */
    private double sinkCeiling(Arrival model) throws Exception {
        var text = model.email().path("text").asString("");
        var html = model.email().path("html").asString("");
        var icsSize = 0;
        for (JsonNode attachment : model.email().path("attachments")) {
            icsSize = attachment.path("size").asInt();
        }
        var ics = "X".repeat(Math.max(0, icsSize));
        var messages = new ArrayList<MimeMessage>(DRAIN);
        for (int i = 0; i < DRAIN; i++) {
            var message = new MimeMessage(mail);
            message.setFrom(new InternetAddress("no-reply@convene.local"));
            message.setRecipient(
                    Message.RecipientType.TO, new InternetAddress("sink-" + run + "-" + i + "@bench.convene.test"));
            message.setSubject(model.email().path("subject").asString(), "UTF-8");
            var alternative = new MimeMultipart("alternative");
            var plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            var rich = new MimeBodyPart();
            rich.setContent(html, "text/html; charset=UTF-8");
            alternative.addBodyPart(plain);
            alternative.addBodyPart(rich);
            var body = new MimeBodyPart();
            body.setContent(alternative);
            var calendar = new MimeBodyPart();
            calendar.setContent(ics, "text/calendar; charset=UTF-8");
            calendar.setFileName("event.ics");
            var mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(calendar);
            message.setContent(mixed);
            message.saveChanges();
            messages.add(message);
        }
        var batches = new ArrayList<List<MimeMessage>>();
        for (int i = 0; i < messages.size(); i += BATCH_SIZE) {
            batches.add(messages.subList(i, Math.min(messages.size(), i + BATCH_SIZE)));
        }
        var started = Instant.now();
        try (var pool = Executors.newFixedThreadPool(CONNECTIONS)) {
            var sent = new ArrayList<Future<?>>();
            for (var batch : batches) {
                sent.add(pool.submit(() -> {
                    try (var transport = mail.getTransport("smtp")) {
                        transport.connect();
                        for (var message : batch) {
                            transport.sendMessage(message, message.getAllRecipients());
                        }
                    }
                    return null;
                }));
            }
            for (var future : sent) {
                future.get();
            }
        }
        return DRAIN / seconds(started, Instant.now());
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0.001, Duration.between(from, to).toNanos() / 1e9);
    }
}
