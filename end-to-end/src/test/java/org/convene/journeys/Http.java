package org.convene.journeys;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a user's browser or script does: plain HTTP through the gateway, and a look into the dev inbox. */
final class Http {

    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Http() {}

    record Answer(int status, String body, java.net.http.HttpHeaders headers, Duration took) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    static Answer get(String url, String token) {
        return send(request(url, token).GET());
    }

    static Answer post(String url, String json, String token) {
        return send(request(url, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json == null ? "" : json)));
    }

    /** As a person's own device sends it, through a proxy the gateway trusts to name the client. */
    static Answer postFrom(String clientAddress, String url, String json) {
        return send(request(url, null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** As {@link #postFrom}, naming the attempt, so sending it again cannot register twice. */
    static Answer postFrom(String clientAddress, String url, String json, String idempotencyKey) {
        return send(request(url, null)
                .header("Content-Type", "application/json")
                .header("X-Forwarded-For", clientAddress)
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    static Answer postForm(String url, String form) {
        return send(request(url, null)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpRequest.Builder request(String url, String token) {
        var builder = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Answer send(HttpRequest.Builder builder) {
        var start = System.nanoTime();
        try {
            var response = CLIENT.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    response.statusCode(),
                    response.body(),
                    response.headers(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The organiser writes a newsletter to the "workshops" topic and sends it now; answers its id. */
    static String sendNewsletter(RunningConvene convene, String organiserToken, String subject) {
        var created = post(
                convene.gateway() + "/api/newsletters",
                "{\"subject\":\"" + subject + "\",\"markdown\":\"Hello **everyone**\",\"topics\":[\"workshops\"]}",
                organiserToken);
        org.assertj.core.api.Assertions.assertThat(created.status())
                .as(created.body())
                .isEqualTo(201);
        var id = created.json().path("id").asString();
        org.assertj.core.api.Assertions.assertThat(
                        post(convene.gateway() + "/api/newsletters/" + id + "/schedule", "{}", organiserToken)
                                .status())
                .isEqualTo(202);
        return id;
    }

    /** The emails the dev inbox holds for one address. */
    static List<JsonNode> emailsTo(RunningConvene convene, String address) {
        var all = get(convene.inbox() + "?to=" + address, null).json();
        var emails = new ArrayList<JsonNode>();
        all.forEach(emails::add);
        return emails;
    }

    static List<String> subjectsTo(RunningConvene convene, String address) {
        return emailsTo(convene, address).stream()
                .map(email -> email.path("subject").asString())
                .toList();
    }
}
