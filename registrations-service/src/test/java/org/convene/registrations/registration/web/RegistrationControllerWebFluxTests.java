package org.convene.registrations.registration.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.convene.registrations.registration.RegistrationFixtures.attendeeOf;
import static org.convene.registrations.registration.RegistrationFixtures.person;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.convene.registrations.registration.domain.AgeBand;
import org.convene.registrations.registration.domain.Attendee;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.CompanionKind;
import org.convene.registrations.registration.domain.Consents;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.InvalidRegistration;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.Registration;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.RegistrationRefused;
import org.convene.registrations.registration.domain.RegistrationService;
import org.convene.registrations.registration.domain.RegistrationStatus;
import org.convene.registrations.registration.domain.SupportNeeds;
import org.convene.support.ServiceSupportAutoConfiguration;
import org.convene.support.security.TokenSecurityAutoConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The web layer of registering, without a store or a broker: requests are read and validated as the service reads
 * them (its JSON rules, its security chain, its problem handler), and {@link RegistrationService} answers as a
 * mock. What a full context adds (the rules against the real store) is {@code RegistrationsApiTests}'.
 */
@WebFluxTest(controllers = RegistrationController.class)
@ImportAutoConfiguration({
    // The JSON rules and body decoder every service gets from service-support.
    ServiceSupportAutoConfiguration.class,
    // The service's own security chain: registering is public, CSRF off as for a token-only API.
    ReactiveWebSecurityAutoConfiguration.class,
    TokenSecurityAutoConfiguration.class
})
@Import(RegistrationControllerWebFluxTests.ServiceSecurity.class)
class RegistrationControllerWebFluxTests {

    private static final String PROBLEMS = "https://convene.dev/problems/";
    private static final String EVENT = "event-1";

    /** The service's {@code SecurityConfiguration}, which is package-private in another package. */
    @TestConfiguration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "org.convene.registrations.config",
            useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.SecurityConfiguration"))
    static class ServiceSecurity {}

    @Autowired
    WebTestClient client;

    @MockitoBean
    RegistrationService registrations;

    private static Registration registration(RegistrationStatus status, int companions) {
        return new Registration(
                new RegistrationId("registration-1"),
                new EventId(EVENT),
                new Attendee("Ada Lovelace", "ada@example.org", null, AttendeeRole.OTHER, AgeBand.OVER_25, null),
                java.util.Collections.nCopies(companions, CompanionKind.CARER),
                SupportNeeds.NONE,
                new Consents(false, false),
                null,
                null,
                status,
                Instant.parse("2026-12-07T10:00:00Z"),
                "hash",
                1,
                Instant.parse("2026-12-07T10:00:00Z"));
    }

    private WebTestClient.ResponseSpec post(Object body) {
        return client.post()
                .uri("/api/events/{event}/registrations", EVENT)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    /** A 400 problem naming the fields, in Convene's words, and the service never asked. */
    @SuppressWarnings("unchecked")
    private void expectInvalid(Object body, String... fields) {
        var problem = post(body)
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem)
                .containsEntry("type", PROBLEMS + "invalid-request")
                .containsEntry("status", 400)
                .containsEntry("detail", "Please correct the fields listed in errors; nothing was saved.");
        assertThat((List<Map<String, String>>) problem.get("errors"))
                .extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder(fields);
        assertNoFrameworkWords(problem);
        verifyNoInteractions(registrations);
    }

    /** Nothing of the framework's or the parser's own messages: class names, exceptions, source positions. */
    private static void assertNoFrameworkWords(Map<?, ?> problem) {
        assertThat(problem.toString())
                .doesNotContainIgnoringCase("exception")
                .doesNotContain("org.convene")
                .doesNotContain("org.springframework")
                .doesNotContain("tools.jackson")
                .doesNotContainIgnoringCase("Source:")
                .doesNotContain("line:");
    }

    @Nested
    class Registering {

        @Test
        void answers201WithTheOutcomeAndThePrivateLink() {
            given(registrations.register(eq(new EventId(EVENT)), any(), isNull()))
                    .willReturn(Mono.just(
                            new RegistrationService.Outcome(registration(RegistrationStatus.CONFIRMED, 1), 0, "tok")));

            post(person("Ada Lovelace", 1))
                    .expectStatus()
                    .isCreated()
                    .expectHeader()
                    .cacheControl(org.springframework.http.CacheControl.noStore())
                    .expectBody()
                    .jsonPath("$.registrationId")
                    .isEqualTo("registration-1")
                    .jsonPath("$.eventId")
                    .isEqualTo(EVENT)
                    .jsonPath("$.status")
                    .isEqualTo("CONFIRMED")
                    .jsonPath("$.seats")
                    .isEqualTo(2)
                    .jsonPath("$.companions[0]")
                    .isEqualTo("CARER")
                    .jsonPath("$.waitlistPosition")
                    .doesNotExist()
                    .jsonPath("$.manageLink")
                    .isEqualTo("http://localhost:8080/manage/tok");
        }

        @Test
        void aWaitingPartyIsToldItsPlace() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.just(
                            new RegistrationService.Outcome(registration(RegistrationStatus.WAITLISTED, 0), 3, "tok")));

            post(person("Ada Lovelace", 0))
                    .expectStatus()
                    .isCreated()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("WAITLISTED")
                    .jsonPath("$.waitlistPosition")
                    .isEqualTo(3);
        }

        @Test
        void passesTheRequestAndItsIdempotencyKeyToTheService() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.just(
                            new RegistrationService.Outcome(registration(RegistrationStatus.CONFIRMED, 0), 0, "tok")));

            client.post()
                    .uri("/api/events/{event}/registrations", EVENT)
                    .header("Idempotency-Key", "retry-1")
                    .bodyValue(person("Ada Lovelace", 1))
                    .exchange()
                    .expectStatus()
                    .isCreated();

            var command = org.mockito.ArgumentCaptor.forClass(RegistrationService.RegisterAttendee.class);
            verify(registrations).register(eq(new EventId(EVENT)), command.capture(), eq("retry-1"));
            assertThat(command.getValue().attendee().name()).isEqualTo("Ada Lovelace");
            assertThat(command.getValue().companions()).containsExactly(CompanionKind.CARER);
            assertThat(command.getValue().consents())
                    .as("absent consents are no")
                    .isEqualTo(new Consents(false, false));
        }

        @Test
        void anUnknownEventIs404LikeAnythingElseNotThere() {
            given(registrations.register(any(), any(), any())).willReturn(Mono.error(new NotFound("No event x")));

            var problem = post(person("Ada Lovelace", 0))
                    .expectStatus()
                    .isNotFound()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(problem)
                    .containsEntry("type", PROBLEMS + "not-found")
                    .containsEntry("status", 404)
                    .containsEntry("detail", "There is nothing here.");
            assertThat(problem.toString()).as("not the domain's own words").doesNotContain("No event");
        }

        @Test
        void aRefusalIs409SayingWhy() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.error(new RegistrationRefused("Registration for this event has closed.")));

            post(person("Ada Lovelace", 0))
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONFLICT)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "registration-closed")
                    .jsonPath("$.detail")
                    .isEqualTo("Registration for this event has closed.");
        }

        @Test
        void aRuleOfTheServiceBrokenIs400ByField() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.error(new InvalidRegistration(
                            Map.of("companions", "at most 2 people can come with you to this event"))));

            post(person("Ada Lovelace", 3))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "invalid-request")
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("companions")
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("at most 2 people can come with you to this event");
        }

        @Test
        void anUnexpectedFailureIsAPlain500() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.error(new IllegalStateException("secret internals at org.convene.Foo")));

            var problem = post(person("Ada Lovelace", 0))
                    .expectStatus()
                    .isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(problem).containsEntry("type", PROBLEMS + "internal");
            assertNoFrameworkWords(problem);
            assertThat(problem.toString()).doesNotContain("secret internals");
        }
    }

    @Nested
    class BadRequests {

        @Test
        void namesEachMissingOrMalformedField() {
            var body = person("", 0);
            attendeeOf(body).put("email", "not-an-email");

            expectInvalid(body, "attendee.name", "attendee.email");
        }

        @Test
        void aValueOfAnEnumWeDoNotHaveNamesItsField() {
            var body = person("Ada Lovelace", 0);
            attendeeOf(body).put("ageBand", "ANCIENT");

            expectInvalid(body, "attendee.ageBand");
        }

        @Test
        void anUnknownFieldIsRefusedNotIgnored() {
            var body = person("Ada Lovelace", 0);
            body.put("isOrganiser", true);

            expectInvalid(body, "isOrganiser");
        }

        @Test
        void aNumberWhereTextBelongsIsTheWrongType() {
            var body = person("Ada Lovelace", 0);
            attendeeOf(body).put("name", 12345);

            expectInvalid(body, "attendee.name");
        }

        @Test
        void aFieldNamedTwiceIsRefused() {
            expectInvalid(
                    "{\"attendee\":{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"ada@example.org\","
                            + "\"role\":\"OTHER\",\"ageBand\":\"OVER_25\"}}",
                    "body");
        }

        @Test
        void aBodyThatIsNotJsonIsRefusedInPlainWords() {
            expectInvalid("{\"attendee\": ", "body");
        }

        @Test
        void tooManyCompanionsForAnyEventIsRefusedBeforeTheService() {
            var body = person("Ada Lovelace", 0);
            body.put("companions", java.util.Collections.nCopies(11, "CARER"));

            expectInvalid(body, "companions");
        }

        @Test
        void anIdempotencyKeyOfMoreThan100CharactersIsRefused() {
            client.post()
                    .uri("/api/events/{event}/registrations", EVENT)
                    .header("Idempotency-Key", "k".repeat(101))
                    .bodyValue(person("Ada Lovelace", 0))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("Idempotency-Key");
            verifyNoInteractions(registrations);
        }

        @Test
        void aBodyOverTheServicesLimitIsRefusedWithoutReadingIt() {
            var body = person("Ada Lovelace", 0);
            body.put("supportNeeds", Map.of("other", "x".repeat(130 * 1024)));

            var problem = post(body)
                    .expectStatus()
                    .isEqualTo(HttpStatus.CONTENT_TOO_LARGE)
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();

            assertThat(problem).containsEntry("type", PROBLEMS + "content-too-large");
            assertNoFrameworkWords(problem);
            verifyNoInteractions(registrations);
        }
    }

    @Nested
    class Security {

        @Test
        void registeringNeedsNoAccountAndNoCsrfToken() {
            given(registrations.register(any(), any(), any()))
                    .willReturn(Mono.just(
                            new RegistrationService.Outcome(registration(RegistrationStatus.CONFIRMED, 0), 0, "tok")));

            post(person("Ada Lovelace", 0)).expectStatus().isCreated();
        }

        @Test
        void anythingNotOnThePublicListNeedsAnOrganisersToken() {
            client.get()
                    .uri("/api/events/{event}/registrations", EVENT)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "unauthenticated");
        }

        @Test
        void aTokenNoIdentityProviderVouchesForIsRefused() {
            client.get()
                    .uri("/api/events/{event}/registrations", EVENT)
                    .header("Authorization", "Bearer not.a.token")
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
    }

    @Nested
    class Availability {

        @Test
        void anUnknownEventIs404() {
            given(registrations.availability(any())).willReturn(Mono.error(new NotFound("No event x")));

            client.get()
                    .uri("/api/events/{event}/availability", "unknown")
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo(PROBLEMS + "not-found");
        }

        @Test
        void aBatchNamesAtLeastOneAndAtMost50Events() {
            client.get()
                    .uri("/api/events/availability?ids= , ")
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("ids");
            var tooMany = String.join(
                    ",",
                    java.util.stream.IntStream.range(0, 51)
                            .mapToObj(i -> "e" + i)
                            .toList());
            client.get()
                    .uri("/api/events/availability?ids=" + tooMany)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].message")
                    .isEqualTo("name at most 50 events at a time");
            verifyNoInteractions(registrations);
        }
    }
}
