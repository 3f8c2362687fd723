package org.convene.registrations.registration;

import java.net.URI;
import java.util.Map;
import org.convene.testing.TestTokens;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The registrations API as the tests call it: each call expects to succeed and answers its JSON. */
public final class RegistrationsApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebTestClient client;

    public RegistrationsApi(WebTestClient client) {
        this.client = client;
    }

    /** Registers (a person or a worker's group): 201 expected. */
    public JsonNode register(String eventId, Map<String, Object> body) {
        return JSON.readTree(client.post()
                .uri("/api/events/" + eventId + "/registrations")
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    /** A GET as {@code as} (the public client, or an organiser's): 200 expected. */
    public static JsonNode get(WebTestClient as, String path) {
        return JSON.readTree(as.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }

    public JsonNode availability(String eventId) {
        return get(client, "/api/events/" + eventId + "/availability");
    }

    /** The client as an organiser of {@code organisation}, with a token the test identity provider signed. */
    public WebTestClient organiserOf(String organisation) {
        var token = TestTokens.shared().organiserOf(organisation);
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    /** The API path of the page the registration's private link opens ({@code /manage/{token}}). */
    public static String manage(JsonNode registration) {
        return "/api/registrations"
                + URI.create(registration.get("manageLink").asString()).getPath();
    }
}
