package org.convene.events.organisation.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.convene.testing.IntegrationTest;
import org.convene.testing.PeoplesText;
import org.convene.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An organisation's offerings (ADR 14): kept by its organisers as a whole list, read by anyone. */
@IntegrationTest
class OfferingsApiTests {

    @Autowired
    WebTestClient client;

    private final JsonMapper json = JsonMapper.builder().build();
    private final String slug = "offers-" + UUID.randomUUID().toString().substring(0, 8);

    WebTestClient bearing(String token) {
        return client.mutate()
                .defaultHeaders(headers -> headers.setBearerAuth(token))
                .build();
    }

    WebTestClient organiser() {
        return bearing(TestTokens.shared().organiserOf(slug));
    }

    String path() {
        return "/api/organisations/" + slug + "/offerings";
    }

    JsonNode body(WebTestClient.ResponseSpec spec) {
        return json.readTree(spec.expectBody(String.class).returnResult().getResponseBody());
    }

    static Map<String, Object> offering(String name, String kind) {
        var offering = new HashMap<String, Object>();
        offering.put("name", name);
        offering.put("kind", kind);
        return offering;
    }

    WebTestClient.ResponseSpec put(List<Map<String, Object>> offerings) {
        return organiser()
                .put()
                .uri(path())
                .bodyValue(Map.of("offerings", offerings))
                .exchange();
    }

    JsonNode publicList() {
        return body(client.get().uri(path()).exchange().expectStatus().isOk()).get("offerings");
    }

    @BeforeEach
    void register() {
        bearing(TestTokens.shared().adminOf("convene"))
                .post()
                .uri("/api/organisations")
                .bodyValue(Map.of("id", slug, "name", "Voices of Care", "contactEmail", "team@voices.example"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    void organisersListTheirOfferingsWhichAnyoneReadsAndIdsStay() {
        assertThat(publicList()).isEmpty();
        var awareness = offering("Young carers awareness", "TRAINING");
        awareness.put("description", "Half a day for school staff:\nwho young carers are and how to help.");
        var saved = body(organiser()
                .put()
                .uri(path())
                .header(HttpHeaders.IF_MATCH, "\"1\"")
                .bodyValue(Map.of("offerings", List.of(awareness, offering("Lived experience talk", "KEYNOTE"))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"2\""));
        var offerings = saved.get("offerings");
        assertThat(offerings).hasSize(2);
        var awarenessId = offerings.get(0).get("id").asString();
        var talkId = offerings.get(1).get("id").asString();
        assertThat(awarenessId).matches("[a-z0-9]{8}").isNotEqualTo(talkId);
        assertThat(offerings.get(0).get("kind").asString()).isEqualTo("TRAINING");

        var read = publicList();
        assertThat(read.toString()).isEqualTo(offerings.toString()).doesNotContain("team@voices.example");

        // The same name keeps its id without one; a rename keeps it with its id; a new one gets a new id.
        var renamed = offering("Lived experience keynote", "KEYNOTE");
        renamed.put("id", talkId);
        var again = body(put(List.of(
                                offering("Young carers awareness", "TRAINING"),
                                renamed,
                                offering("Service design review", "CONSULTANCY")))
                        .expectStatus()
                        .isOk())
                .get("offerings");
        assertThat(again.get(0).get("id").asString()).isEqualTo(awarenessId);
        assertThat(again.get(1).get("id").asString()).isEqualTo(talkId);
        assertThat(again.get(1).get("name").asString()).isEqualTo("Lived experience keynote");
        assertThat(again.get(2).get("id").asString()).isNotIn(awarenessId, talkId);
        assertThat(again.get(0).get("description").isNull()).isTrue();

        // The organisation's details are untouched, and their changes keep the offerings.
        organiser()
                .put()
                .uri("/api/organisations/" + slug)
                .header(HttpHeaders.IF_MATCH, "\"3\"")
                .bodyValue(Map.of("name", "Voices of Care", "contactEmail", "alerts@voices.example"))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(publicList()).hasSize(3);

        organiser()
                .put()
                .uri(path())
                .header(HttpHeaders.IF_MATCH, "\"2\"")
                .bodyValue(Map.of("offerings", List.of()))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        assertThat(publicList()).hasSize(3);
    }

    @Test
    void badOfferingsAreRefusedFieldByFieldAndNothingIsStored() {
        put(List.of(offering("Young carers awareness", "TRAINING")))
                .expectStatus()
                .isOk();
        var before = publicList().toString();

        var longDescription = offering("Fine", "KEYNOTE");
        longDescription.put("description", "x".repeat(301));
        var noKind = new HashMap<String, Object>(Map.of("name", "No kind"));
        var problem = body(
                put(List.of(offering("x".repeat(81), "TRAINING"), longDescription, noKind, offering(" ", "TRAINING")))
                        .expectStatus()
                        .isBadRequest());
        assertThat(problem.get("errors").findValuesAsString("field"))
                .contains("offerings[0].name", "offerings[1].description", "offerings[2].kind", "offerings[3].name");

        for (var hostile : PeoplesText.HOSTILE_SINGLE_LINE) {
            var refused = body(
                    put(List.of(offering(hostile, "TRAINING"))).expectStatus().isBadRequest());
            assertThat(refused.get("errors").findValuesAsString("field")).containsExactly("offerings[0].name");
        }

        var same = body(put(List.of(offering("Talk", "KEYNOTE"), offering("talk", "TRAINING")))
                .expectStatus()
                .isBadRequest());
        assertThat(same.get("errors").findValuesAsString("field")).containsExactly("offerings[1].name");

        var unknownId = offering("Talk", "KEYNOTE");
        unknownId.put("id", "zzzzzzzz");
        var unknown = body(put(List.of(unknownId)).expectStatus().isBadRequest());
        assertThat(unknown.get("errors").findValuesAsString("field")).containsExactly("offerings[0].id");

        var many = new ArrayList<Map<String, Object>>();
        for (var i = 0; i < 21; i++) {
            many.add(offering("Offering " + i, "TRAINING"));
        }
        var tooMany = body(put(many).expectStatus().isBadRequest());
        assertThat(tooMany.get("errors").findValuesAsString("field")).containsExactly("offerings");

        organiser()
                .put()
                .uri(path())
                .bodyValue(Map.of("offerings", List.of(offering("Talk", "PIZZA"))))
                .exchange()
                .expectStatus()
                .isBadRequest();

        assertThat(publicList().toString()).isEqualTo(before);
        bearing(TestTokens.shared().organiserOf(slug))
                .get()
                .uri("/api/organisations/" + slug)
                .exchange()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo(2);
    }

    @Test
    void anotherOrganisationsOrganiserCannotChangeThemAndUnknownOrganisationsHaveNone() {
        bearing(TestTokens.shared().organiserOf("elsewhere-" + slug))
                .put()
                .uri(path())
                .bodyValue(Map.of("offerings", List.of(offering("Sneaky", "TRAINING"))))
                .exchange()
                .expectStatus()
                .isForbidden();
        client.put()
                .uri(path())
                .bodyValue(Map.of("offerings", List.of(offering("Sneaky", "TRAINING"))))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(publicList()).isEmpty();
        client.get()
                .uri("/api/organisations/no-such-" + slug + "/offerings")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
