package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.convene.contracts.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the embedded default exactly as the README says ({@code ./convene run}), on ports of its
 * own and a fresh data folder, and checks what a developer relies on.
 */
class LocalStackSmokeIT {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final Duration START_LIMIT = Duration.ofSeconds(240);
    private static final List<String> SERVICES =
            List.of("GATEWAY", "EVENTS", "REGISTRATIONS", "NOTIFICATIONS", "IDENTITY");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Integer> ports = new HashMap<>();
    private final List<Process> started = new ArrayList<>();

    @BeforeEach
    void choosePorts() throws IOException {
        var held = new java.util.ArrayList<ServerSocket>();
        for (var name : List.of(
                "KAFKA",
                "KAFKA_CONTROLLER",
                "MONGO",
                "SMTP",
                "INBOX",
                "GATEWAY",
                "EVENTS",
                "REGISTRATIONS",
                "NOTIFICATIONS",
                "IDENTITY",
                "WEB",
                "GATEWAY_MANAGEMENT",
                "EVENTS_MANAGEMENT",
                "REGISTRATIONS_MANAGEMENT",
                "NOTIFICATIONS_MANAGEMENT",
                "IDENTITY_MANAGEMENT",
                "WEB_MANAGEMENT")) {
            // Held open until all are chosen, so no two names get the same port.
            var socket = new ServerSocket(0);
            held.add(socket);
            ports.put(name, socket.getLocalPort());
        }
        for (var socket : held) {
            socket.close();
        }
    }

    @AfterEach
    void stopWhateverIsLeft() {
        started.forEach(process -> {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        });
    }

    @Test
    void startsHealthyStopsCleanlyOnCtrlCAndKeepsItsDataAcrossRestarts() throws Exception {
        var marker = UUID.randomUUID().toString();

        var first = runStack();
        assertThat(first.output()).contains("Convene is running (ready in");
        for (var service : SERVICES) {
            var health = get("http://127.0.0.1:" + ports.get(service + "_MANAGEMENT") + "/actuator/health");
            assertThat(health.statusCode()).as(service + " health").isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
        operationalEndpointsAreOnlyOnTheManagementPortsAndOnlyTheDoorsPeopleUseAreOnTheNetwork();
        registersThroughTheGatewayAndGetsTheConfirmationEmail(marker);
        var printedSecret = printed(first.output(), "Client secret");
        var accessToken = anApiClientGetsATokenWithCurlAndCreatesAnEventThroughTheGateway(first.output());
        aSubscriberConfirmsGetsTheDemoNewsletterAndCanLeaveInOneClick(accessToken, marker);
        theDemoOrganiserSignsInThroughTheGatewayPublishesAnEventAndSignsOut(printed(first.output(), "Password"));
        sendMail("smoke-" + marker);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(get(inbox()).body()).contains("smoke-" + marker));
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.get("MONGO"))) {
            mongo.getDatabase("convene-smoke").getCollection("markers").insertOne(new Document("marker", marker));
        }
        publish(marker);

        interruptLikeCtrlC(first);
        // The first stop after a build also writes the services' start-up caches (ServiceProcess).
        assertThat(first.process().waitFor(200, TimeUnit.SECONDS))
                .as("stopped within 200 s")
                .isTrue();
        assertThat(first.output()).contains("Stopped.");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(
                        () -> assertThat(processesLaunchedBy(first.process().pid()))
                                .as("no service process outlives the stack")
                                .isEmpty());

        var second = runStack();
        assertThat(printed(second.output(), "Client secret"))
                .as("the generated secrets are kept across restarts")
                .isEqualTo(printedSecret);
        assertThat(Files.readString(dataDir.resolve("identity-secrets.properties")))
                .contains(printedSecret);
        try (var mongo = MongoClients.create("mongodb://127.0.0.1:" + ports.get("MONGO"))) {
            var found = mongo.getDatabase("convene-smoke")
                    .getCollection("markers")
                    .find(new Document("marker", marker))
                    .first();
            assertThat(found).as("document written before the restart").isNotNull();
        }
        assertThat(consumeAll()).as("message published before the restart").contains(marker);
        interruptLikeCtrlC(second);
        assertThat(second.process().waitFor(200, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The journey across the running stack: an event as events-service would announce it, a person
     * registering through the gateway, and the confirmation email in the dev inbox.
     */
    private void registersThroughTheGatewayAndGetsTheConfirmationEmail(String marker) throws Exception {
        var eventId = "smoke-" + marker;
        var start = java.time.Instant.now().plus(java.time.Duration.ofDays(7));
        var event = new org.convene.contracts.events.EventMessage(
                UUID.randomUUID(),
                org.convene.contracts.events.EventMessageType.EventPublished,
                java.time.Instant.now(),
                eventId,
                2,
                "org-smoke",
                org.convene.contracts.events.EventMessage.Status.PUBLISHED,
                "Smoke workshop",
                start,
                start.plus(java.time.Duration.ofHours(2)),
                "Europe/London",
                10,
                2,
                java.time.Instant.now().minusSeconds(60),
                start,
                new org.convene.contracts.events.EventMessage.VenueSummary("Hall", "1 Road", "LS1 1AA", List.of()),
                false,
                null,
                List.of(),
                null,
                null,
                null,
                null);
        publishJson(
                Topics.EVENTS,
                eventId,
                tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(event));
        var gateway = "http://127.0.0.1:" + ports.get("GATEWAY");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> get(gateway + "/api/events/" + eventId + "/availability")
                                .statusCode()
                        == 200);
        var email = "smoke-" + marker.substring(0, 8) + "@example.org";
        var body = "{\"attendee\": {\"name\": \"Smoke Test\", \"email\": \"" + email
                + "\", \"role\": \"CARER\", \"ageBand\": \"OVER_25\"}}";
        var registration = http.send(
                HttpRequest.newBuilder(URI.create(gateway + "/api/events/" + eventId + "/registrations"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(registration.statusCode()).as(registration.body()).isEqualTo(201);
        assertThat(registration.body()).contains("\"status\":\"CONFIRMED\"");
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(inbox() + "?to=" + email).body())
                        .contains("You're booked: Smoke workshop", "event.ics"));
    }

    /** The README's client-credentials flow, run exactly as printed: the curl line, then the API. */
    private String anApiClientGetsATokenWithCurlAndCreatesAnEventThroughTheGateway(String output) throws Exception {
        var curl = output.lines()
                .filter(line -> line.contains("Get a token"))
                .findFirst()
                .orElseThrow()
                .replaceFirst("^\\s*Get a token\\s+", "");
        var token =
                new ProcessBuilder("bash", "-c", curl).redirectErrorStream(true).start();
        var answer = new String(token.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(token.waitFor()).as(answer).isZero();
        var accessToken = JSON.readTree(answer).path("access_token").asString();
        assertThat(accessToken).as(answer).isNotBlank();

        var created = http.send(
                HttpRequest.newBuilder(URI.create(gateway() + "/api/events"))
                        .header("Authorization", "Bearer " + accessToken)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(eventBody("Automation workshop")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.body()).contains("\"organisationId\":\"demo\"");
        var anonymous = http.send(
                HttpRequest.newBuilder(URI.create(gateway() + "/api/events"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(eventBody("Nobody's workshop")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        return accessToken;
    }

    /**
     * The newsletter across the running stack: subscribe to the demo organisation (seeded in
     * events-service, announced to notifications), confirm from the dev inbox's link, receive a
     * newsletter sent through the gateway with the API client's token, with its one-click headers.
     */
    private void aSubscriberConfirmsGetsTheDemoNewsletterAndCanLeaveInOneClick(String accessToken, String marker)
            throws Exception {
        var email = "reader-" + marker.substring(0, 8) + "@example.org";
        var subscription = "{\"organisationId\":\"demo\",\"email\":\"" + email + "\",\"topics\":[\"workshops\"]}";
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(post(gateway() + "/api/newsletter/subscriptions", subscription, null)
                                .statusCode())
                        .as("the demo organisation is known to notifications")
                        .isEqualTo(202));
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(get(inbox() + "?to=" + email).body()).contains("Please confirm"));
        var link = java.util.regex.Pattern.compile("/newsletter/confirm/([A-Za-z0-9_-]+)")
                .matcher(get(inbox() + "?to=" + email).body());
        assertThat(link.find()).isTrue();
        var confirmed = post(gateway() + "/newsletter/confirm/" + link.group(1), "", null);
        assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);

        var subject = "Smoke news " + marker.substring(0, 8);
        var created = post(
                gateway() + "/api/newsletters",
                "{\"subject\":\"" + subject + "\",\"markdown\":\"Hello **readers**\",\"topics\":[\"workshops\"]}",
                accessToken);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var id = JSON.readTree(created.body()).path("id").asString();
        assertThat(post(gateway() + "/api/newsletters/" + id + "/schedule", "{}", accessToken)
                        .statusCode())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(inbox() + "?to=" + email).body())
                        .contains(subject, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    private HttpResponse<String> post(String url, String json, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A browser's journey: sign in through the gateway with the demo organiser (the identity
     * provider's sign-in page, authorization code with PKCE), create and publish an event with the
     * token the gateway relays, then sign out at the gateway and the provider.
     */
    private void theDemoOrganiserSignsInThroughTheGatewayPublishesAnEventAndSignsOut(String password) throws Exception {
        var browser = new Browser();
        var toProvider = browser.get(gateway() + "/oauth2/authorization/convene");
        assertThat(toProvider.statusCode()).isEqualTo(302);
        assertThat(location(toProvider))
                .startsWith(identity() + "/oauth2/authorize")
                .contains("code_challenge=");
        var toSignIn = browser.get(location(toProvider));
        assertThat(location(toSignIn)).isEqualTo(identity() + "/login");
        var page = browser.get(location(toSignIn));
        var csrf = java.util.regex.Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"")
                .matcher(page.body());
        assertThat(csrf.find()).isTrue();
        var signedIn = browser.postForm(
                identity() + "/login",
                "email=organiser%40demo.convene.test&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8));
        assertThat(location(signedIn)).startsWith(identity() + "/oauth2/authorize");
        var withCode = browser.get(location(signedIn));
        assertThat(location(withCode)).startsWith(gateway() + "/login/oauth2/code/convene?code=");
        var home = browser.get(location(withCode));
        assertThat(home.statusCode()).isEqualTo(302);

        var session = browser.get(gateway() + "/api/session");
        assertThat(session.body()).contains("\"signedIn\":true", "\"organisationId\":\"demo\"");
        var xsrf = browser.cookie("XSRF-TOKEN");
        var created = browser.postJson(gateway() + "/api/events", eventBody("Peer research workshop"), xsrf);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        var eventId = JSON.readTree(created.body()).path("id").asString();
        var published = browser.postJson(gateway() + "/api/events/" + eventId + "/publish", "", xsrf);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        assertThat(published.body()).contains("\"status\":\"PUBLISHED\"");
        var forged = browser.postJson(gateway() + "/api/events", eventBody("Forged"), null);
        assertThat(forged.statusCode())
                .as("a cookie-borne change without the CSRF token")
                .isEqualTo(403);

        var signOut = browser.postForm(gateway() + "/logout", "_csrf=" + xsrf);
        assertThat(location(signOut)).startsWith(identity() + "/connect/logout");
        var backHome = browser.get(location(signOut));
        assertThat(location(backHome)).isEqualTo(gateway() + "/");
        assertThat(browser.get(gateway() + "/api/session").body()).contains("\"signedIn\":false");
        assertThat(get(gateway() + "/api/events/" + eventId).statusCode())
                .as("the published event is public")
                .isEqualTo(200);
    }

    /** Just enough of a browser: cookies per host, redirects seen one by one. */
    private static final class Browser {

        private final java.net.CookieManager cookies = new java.net.CookieManager();
        private final HttpClient client = HttpClient.newBuilder()
                .cookieHandler(cookies)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            // What a browser sends when it follows a link or a redirect.
                            .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postForm(String url, String form) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> postJson(String url, String json, String xsrf) throws Exception {
            var request = HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json));
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream()
                    .filter(cookie -> cookie.getName().equals(name))
                    .map(java.net.HttpCookie::getValue)
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + name + " cookie"));
        }
    }

    private static String eventBody(String title) {
        var start = java.time.LocalDateTime.now()
                .plusDays(14)
                .withHour(10)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        return """
                {"title":"%s","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s","endsAt":"%s",
                 "timeZone":"Europe/London","capacity":12,
                 "venue":{"name":"Community Hall","address":"12 Market Street, Leeds","postcode":"LS1 6DT"}}""".formatted(title, start, start.plusHours(3));
    }

    /**
     * The gateway's public port serves no /actuator; the services behind it listen on loopback only, so a
     * neighbour on the network cannot reach them past the gateway, while the gateway and sign-in can be.
     */
    private void operationalEndpointsAreOnlyOnTheManagementPortsAndOnlyTheDoorsPeopleUseAreOnTheNetwork()
            throws Exception {
        for (var path : List.of("/actuator", "/actuator/health", "/actuator/prometheus")) {
            assertThat(get("http://127.0.0.1:" + ports.get("GATEWAY") + path).statusCode())
                    .as("the gateway's public port answers " + path)
                    .isEqualTo(404);
        }
        var neighbourAddress = nonLoopbackAddress();
        if (neighbourAddress == null) {
            // Said, not hidden: the rest of the smoke test still runs.
            System.out.println("No non-loopback address on this machine: the bind address was not tried from one");
            return;
        }
        for (var service : List.of("EVENTS", "REGISTRATIONS", "NOTIFICATIONS", "WEB", "GATEWAY_MANAGEMENT")) {
            assertThat(connects(neighbourAddress, ports.get(service)))
                    .as(service + " on " + neighbourAddress)
                    .isFalse();
        }
        for (var service : List.of("GATEWAY", "IDENTITY")) {
            assertThat(connects(neighbourAddress, ports.get(service)))
                    .as(service + " on " + neighbourAddress)
                    .isTrue();
        }
    }

    private static java.net.InetAddress nonLoopbackAddress() throws java.net.SocketException {
        return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(networkInterface -> java.util.Collections.list(networkInterface.getInetAddresses()).stream())
                .filter(address -> address instanceof java.net.Inet4Address
                        && !address.isLoopbackAddress()
                        && !address.isLinkLocalAddress())
                .findFirst()
                .orElse(null);
    }

    private static boolean connects(java.net.InetAddress address, int port) {
        try (var socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(address, port), 2_000);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String printed(String output, String label) {
        return output.lines()
                .map(String::strip)
                .filter(line -> line.startsWith(label + " "))
                .map(line -> line.substring(label.length()).strip())
                .findFirst()
                .orElseThrow(() -> new AssertionError("the launcher did not print " + label));
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private String gateway() {
        return "http://localhost:" + ports.get("GATEWAY");
    }

    private String identity() {
        return "http://localhost:" + ports.get("IDENTITY");
    }

    @Test
    void explainsABusyPortInOneLineWithoutStartingAnything() throws Exception {
        try (var squatter = new ServerSocket(ports.get("GATEWAY"))) {
            var process = start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).isEqualTo(1);
            assertThat(output.lines().filter(line -> line.startsWith("convene:")))
                    .singleElement()
                    .asString()
                    .contains("Port " + squatter.getLocalPort(), "gateway", "CONVENE_GATEWAY_PORT");
            assertThat(output).doesNotContain("Exception", "\tat ");
            assertThat(Files.exists(dataDir.resolve("kafka")))
                    .as("nothing started")
                    .isFalse();
        }
    }

    private record RunningStack(Process process, StringBuffer outputBuffer) {
        String output() {
            return outputBuffer.toString();
        }
    }

    private RunningStack runStack() throws IOException {
        var process = start();
        var output = new StringBuffer();
        Thread.ofVirtual().start(() -> {
            try (var reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                reader.lines().forEach(line -> output.append(line).append('\n'));
            } catch (IOException ignored) {
                // the process ended
            }
        });
        await().atMost(START_LIMIT)
                .pollInterval(Duration.ofMillis(500))
                .failFast("the stack exited while starting", () -> !process.isAlive())
                .until(() -> output.toString().contains("Press Ctrl-C to stop."));
        return new RunningStack(process, output);
    }

    private Process start() throws IOException {
        var builder =
                new ProcessBuilder("bash", REPOSITORY.resolve("convene").toString(), "run").redirectErrorStream(true);
        var env = builder.environment();
        env.put("CONVENE_BUILD", "never");
        env.put("CONVENE_DATA_DIR", dataDir.toString());
        env.put("CONVENE_LOG_DIR", dataDir.resolve("logs").toString());
        ports.forEach((name, port) -> env.put("CONVENE_" + name + "_PORT", String.valueOf(port)));
        var process = builder.start();
        started.add(process);
        return process;
    }

    private static void interruptLikeCtrlC(RunningStack stack) throws Exception {
        new ProcessBuilder("kill", "-INT", String.valueOf(stack.process().pid()))
                .start()
                .waitFor();
    }

    private static List<ProcessHandle> processesLaunchedBy(long pid) {
        var marker = "-Dconvene.parent-pid=" + pid;
        return ProcessHandle.allProcesses()
                .filter(handle -> handle.info()
                        .arguments()
                        .map(arguments -> List.of(arguments).contains(marker))
                        .orElse(false))
                .toList();
    }

    private String inbox() {
        return "http://127.0.0.1:" + ports.get("INBOX") + "/api/messages";
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void sendMail(String subject) throws Exception {
        var properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(ports.get("SMTP")));
        var message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("smoke@convene.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress("someone@convene.test"));
        message.setSubject(subject);
        message.setText("Smoke test");
        Transport.send(message);
    }

    private String bootstrapServers() {
        return "127.0.0.1:" + ports.get("KAFKA");
    }

    private void publish(String value) throws Exception {
        publishJson(Topics.deadLetterOf(Topics.EVENTS), "smoke", value);
    }

    private void publishJson(String topic, String key, String value) throws Exception {
        var config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    private List<String> consumeAll() {
        var config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "smoke-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        var values = Collections.synchronizedList(new ArrayList<String>());
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(Topics.deadLetterOf(Topics.EVENTS)));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> values.add(record.value()));
            }
        }
        return values;
    }
}
