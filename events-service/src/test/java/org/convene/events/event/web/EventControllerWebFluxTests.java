package org.convene.events.event.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.events.event.web.EventRequestBodies.workshop;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventNotFound;
import org.convene.events.event.domain.EventService;
import org.convene.events.event.domain.EventStatus;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Organiser;
import org.convene.support.ServiceSupportAutoConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The web layer of events without a store or a broker: the service's own security chain and JSON rules, organisers
 * known from their token's claims, and {@link EventService} answering as a mock. Tokens here are decided by a test
 * decoder (two known values), not signed: how tokens are validated is {@code JwtSecurityTests}', and what each
 * caller may do against the real service is {@code EventsAuthorizationMatrixTests}'.
 */
@WebFluxTest(controllers = EventController.class)
@ImportAutoConfiguration({ServiceSupportAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class})
@Import(EventControllerWebFluxTests.ServiceSecurity.class)
class EventControllerWebFluxTests {

    private static final String PROBLEMS = "https://convene.dev/problems/";
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    /** An organiser of org-a, and someone signed in who organises nothing. */
    private static final String ORGANISER = "organiser-of-org-a";

    private static final String NOT_AN_ORGANISER = "signed-in-member";

    /**
     * The service's {@code SecurityConfiguration} (package-private in another package), its clock, and a decoder
     * that knows two tokens and refuses every other.
     */
    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "org.convene.events.config",
            useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.SecurityConfiguration"))
    static class ServiceSecurity {

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }

        @Bean
        ReactiveJwtDecoder testTokens() {
            return token -> switch (token) {
                case ORGANISER -> Mono.just(jwt(token, Map.of("org_id", "org-a", "roles", List.of("organiser"))));
                case NOT_AN_ORGANISER -> Mono.just(jwt(token, Map.of("roles", List.of())));
                default -> Mono.error(new BadJwtException("not a test token"));
            };
        }

        private static Jwt jwt(String token, Map<String, Object> claims) {
            return Jwt.withTokenValue(token)
                    .header("alg", "none")
                    .subject(token)
                    .claims(all -> all.putAll(claims))
                    .issuedAt(NOW)
                    .expiresAt(NOW.plusSeconds(3600))
                    .build();
        }
    }

    @Autowired
    WebTestClient client;

    @MockitoBean
    EventService events;

    /** The service's answer to creating: a draft as {@link EventService#create} makes it. */
    private static Mono<Event> drafted(Organiser organiser, EventService.Draft draft) {
        return Mono.just(Event.draft(
                new EventId("event-1"),
                organiser.organisationId(),
                draft.details(),
                draft.schedule(),
                draft.window(),
                draft.capacity(),
                draft.maxCompanions(),
                draft.groupLimit(),
                draft.visibility(),
                NOW));
    }

    private WebTestClient.ResponseSpec create(String token, Object body) {
        var request = client.post().uri("/api/events").contentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            request = request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        return request.bodyValue(body).exchange();
    }

    @SuppressWarnings("unchecked")
    private void expectInvalid(WebTestClient.ResponseSpec response, String... fields) {
        var problem = response.expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem).containsEntry("type", PROBLEMS + "invalid-request");
        assertThat((List<Map<String, String>>) problem.get("errors"))
                .extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder(fields);
        assertThat(problem.toString())
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("org.springframework")
                .doesNotContain("tools.jackson");
    }

    @Nested
    class Creating {

        @Test
        void anOrganiserCreatesADraftOfTheirOwnOrganisation201WithItsAddressAndVersion() {
            given(events.create(any(), any())).willAnswer(call -> drafted(call.getArgument(0), call.getArgument(1)));

            create(ORGANISER, workshop("Planning day"))
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .location("/api/events/event-1")
                    .expectHeader()
                    .valueMatches(HttpHeaders.ETAG, "\"\\d+\"")
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo(EventStatus.DRAFT.name())
                    .jsonPath("$.title")
                    .isEqualTo("Planning day")
                    .jsonPath("$.organisationId")
                    .isEqualTo("org-a")
                    .jsonPath("$.capacity")
                    .isEqualTo(10);

            var organiser = org.mockito.ArgumentCaptor.forClass(Organiser.class);
            verify(events).create(organiser.capture(), any());
            assertThat(organiser.getValue().organisationId()).isEqualTo(new OrganisationId("org-a"));
        }

        @Test
        void withoutATokenIs401AndNothingIsAsked() {
            create(null, workshop("Planning day"))
                    .expectStatus()
                    .isUnauthorized()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "unauthenticated");
            verifyNoInteractions(events);
        }

        @Test
        void aTokenNobodyVouchesForIs401() {
            create("forged", workshop("Planning day")).expectStatus().isUnauthorized();
            verifyNoInteractions(events);
        }

        @Test
        void someoneWhoOrganisesNothingIs403InPlainWords() {
            create(NOT_AN_ORGANISER, workshop("Planning day"))
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "forbidden")
                    .jsonPath("$.detail")
                    .isEqualTo("Only an organiser of an organisation can do this.");
            verifyNoInteractions(events);
        }

        @Test
        void namesEachBadFieldAndAsksNothing() {
            var body = workshop("");
            body.put("capacity", 0);
            body.remove("format");

            expectInvalid(create(ORGANISER, body), "title", "capacity", "format");
            verifyNoInteractions(events);
        }

        @Test
        void anUnknownFieldIsRefusedNotIgnored() {
            var body = workshop("Planning day");
            body.put("status", "PUBLISHED");

            expectInvalid(create(ORGANISER, body), "status");
            verifyNoInteractions(events);
        }

        @Test
        void aNumberWhereATimeBelongsIsTheWrongType() {
            var body = workshop("Planning day");
            body.put("startsAt", 12345);

            expectInvalid(create(ORGANISER, body), "startsAt");
            verifyNoInteractions(events);
        }
    }

    @Nested
    class Reading {

        @Test
        void anUnknownEventIs404ForEveryone() {
            given(events.findPublic(eq(new EventId("unknown")), isNull()))
                    .willReturn(Mono.error(new EventNotFound(new EventId("unknown"))));

            client.get()
                    .uri("/api/events/unknown")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "not-found")
                    .jsonPath("$.detail")
                    .isEqualTo("There is no event with this id.");
        }

        @Test
        void aPageOfMoreThan100OrFewerThan1IsRefusedByName() {
            expectInvalid(client.get().uri("/api/events?limit=0").exchange(), "limit");
            expectInvalid(client.get().uri("/api/events?limit=101").exchange(), "limit");
            verifyNoInteractions(events);
        }

        @Test
        void aCursorThisApiDidNotGiveOutIsRefused() {
            expectInvalid(client.get().uri("/api/events?cursor=not-a-cursor").exchange(), "cursor");
            verifyNoInteractions(events);
        }

        @Test
        void listingAsksForOneMoreThanThePageToKnowIfThereIsANext() {
            given(events.listPublic(any())).willReturn(Flux.empty());

            client.get()
                    .uri("/api/events?limit=5")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.next")
                    .doesNotExist();

            var query = org.mockito.ArgumentCaptor.forClass(org.convene.events.event.domain.PublicEventQuery.class);
            verify(events).listPublic(query.capture());
            assertThat(query.getValue().limit()).isEqualTo(6);
            assertThat(query.getValue().from()).as("upcoming only").isEqualTo(NOW);
        }
    }

    @Nested
    class Changing {

        @Test
        void anIfMatchThatIsNotOneOfOurETagsIsRefusedByName() {
            expectInvalid(
                    client.post()
                            .uri("/api/events/event-1/publish")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + ORGANISER)
                            .header(HttpHeaders.IF_MATCH, "yesterday")
                            .exchange(),
                    "If-Match");
            verifyNoInteractions(events);
        }

        @Test
        void theVersionNamedInIfMatchIsTheOneTheServiceChecks() {
            given(events.publish(any(), any(), any())).willReturn(Mono.error(new EventNotFound(new EventId("e"))));

            client.post()
                    .uri("/api/events/event-1/publish")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + ORGANISER)
                    .header(HttpHeaders.IF_MATCH, "W/\"7\"")
                    .exchange()
                    .expectStatus()
                    .isNotFound();

            verify(events).publish(any(), eq(new EventId("event-1")), eq(7L));
        }
    }
}
