package org.convene.testing.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Who may call what, checked against the running application: every endpoint it maps × every
 * {@link Caller} gives exactly the expected status. The endpoint list comes from the application
 * itself ({@link ApplicationEndpoints}), so an endpoint added without a rule here fails the first
 * test, as does a rule for an endpoint that no longer exists.
 *
 * <p>Use from a {@code @TestFactory}: declare each endpoint's rule with a request factory (called
 * afresh for every caller, so a state-changing request acts on a fresh resource of organisation A),
 * then return {@link #tests()}.
 *
 * <pre>{@code
 * var matrix = AuthorizationMatrix.of(context, client, tokens);
 * matrix.endpoint(GET, "/api/events").request(() -> MatrixRequest.get("/api/events")).publicWith(200);
 * matrix.endpoint(POST, "/api/events/{id}/publish").request(() -> ...).organisers(200, 404, 404);
 * return matrix.tests();
 * }</pre>
 */
public final class AuthorizationMatrix {

    private final Set<Endpoint> mapped;
    private final WebTestClient client;
    private final CallerTokens tokens;
    private final Map<Endpoint, Rule> rules = new LinkedHashMap<>();

    private AuthorizationMatrix(Set<Endpoint> mapped, WebTestClient client, CallerTokens tokens) {
        this.mapped = mapped;
        this.client = client;
        this.tokens = tokens;
    }

    public static AuthorizationMatrix of(ApplicationContext context, WebTestClient client, CallerTokens tokens) {
        return new AuthorizationMatrix(ApplicationEndpoints.of(context), client, tokens);
    }

    public Rule endpoint(HttpMethod method, String pattern) {
        var endpoint = new Endpoint(method.name(), pattern);
        var rule = new Rule(endpoint);
        if (rules.putIfAbsent(endpoint, rule) != null) {
            throw new IllegalArgumentException("Two rules for " + endpoint);
        }
        return rule;
    }

    /** The completeness check first, then one container per endpoint with one test per caller. */
    public Stream<DynamicNode> tests() {
        var completeness =
                DynamicTest.dynamicTest("every mapped endpoint has a rule, and every rule a mapped endpoint", () -> {
                    var unruled = new TreeSet<>(mapped);
                    unruled.removeAll(rules.keySet());
                    var stale = new TreeSet<>(rules.keySet());
                    stale.removeAll(mapped);
                    assertThat(unruled)
                            .as("endpoints without an authorization rule (add one to the matrix)")
                            .isEmpty();
                    assertThat(stale)
                            .as("rules for endpoints the application no longer maps")
                            .isEmpty();
                });
        var perEndpoint = rules.values().stream()
                .sorted((a, b) -> a.endpoint.compareTo(b.endpoint))
                .map(rule -> (DynamicNode) DynamicContainer.dynamicContainer(rule.endpoint.toString(), rule.tests()));
        return Stream.concat(Stream.of(completeness), perEndpoint);
    }

    /** The expected status of one endpoint for each caller, and how to build its request. */
    public final class Rule {

        private final Endpoint endpoint;
        private final Map<Caller, Integer> expected = new EnumMap<>(Caller.class);
        private Function<Caller, MatrixRequest> request;

        private Rule(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /** The request to send; the supplier is called once per caller. */
        public Rule request(Supplier<MatrixRequest> request) {
            this.request = caller -> request.get();
            return this;
        }

        /** A request that depends on who sends it (say, an organiser acting on their own organisation). */
        public Rule requestFor(Function<Caller, MatrixRequest> request) {
            this.request = request;
            return this;
        }

        /**
         * Open to everyone: anonymous callers and valid tokens alike get {@code status}. A token that
         * fails validation is still refused with 401, as a resource server must.
         */
        public Rule publicWith(int status) {
            for (var caller : Caller.values()) {
                expected.put(caller, caller.invalidToken() ? 401 : status);
            }
            return this;
        }

        /**
         * For signed-in callers only: anonymous and invalid tokens get 401; the owning organisation's
         * organiser, another organisation's organiser and an admin get the statuses given.
         */
        public Rule organisers(int owner, int otherOrganisation, int admin) {
            for (var caller : Caller.values()) {
                expected.put(caller, 401);
            }
            expected.put(Caller.ORGANISER_OF_A, owner);
            expected.put(Caller.ORGANISER_OF_B, otherOrganisation);
            expected.put(Caller.ADMIN, admin);
            return this;
        }

        /** Overrides one caller's expected status. */
        public Rule expect(Caller caller, int status) {
            expected.put(caller, status);
            return this;
        }

        private Stream<DynamicNode> tests() {
            if (request == null || expected.size() != Caller.values().length) {
                return Stream.of(DynamicTest.dynamicTest("has a request and an expectation for every caller", () -> {
                    throw new AssertionError("The rule for " + endpoint + " is incomplete");
                }));
            }
            List<DynamicNode> tests = new ArrayList<>();
            for (var caller : Caller.values()) {
                int status = expected.get(caller);
                tests.add(DynamicTest.dynamicTest(
                        "as " + caller.description() + " → " + status, () -> check(caller, status)));
            }
            return tests.stream();
        }

        private void check(Caller caller, int status) {
            var sent = request.apply(caller);
            assertThat(sent.method().name())
                    .as("the request built for %s", endpoint)
                    .isEqualTo(endpoint.method().equals("ANY") ? sent.method().name() : endpoint.method());
            var spec = client.method(HttpMethod.valueOf(sent.method().name()))
                    .uri(sent.uri())
                    .headers(headers -> {
                        sent.headers().forEach(headers::set);
                        tokens.bearerFor(caller).ifPresent(headers::setBearerAuth);
                    });
            var exchange = sent.body() == null
                    ? spec.exchange()
                    : sent.body() instanceof org.springframework.util.MultiValueMap<?, ?> form
                            ? spec.contentType(MediaType.APPLICATION_FORM_URLENCODED)
                                    .bodyValue(form)
                                    .exchange()
                            : spec.contentType(MediaType.APPLICATION_JSON)
                                    .bodyValue(sent.body())
                                    .exchange();
            var result = exchange.expectBody(String.class).returnResult();
            assertThat(result.getStatus().value())
                    .as(
                            "%s %s as %s answered %s%s",
                            sent.method(),
                            sent.uri(),
                            caller.description(),
                            result.getStatus(),
                            result.getResponseBody() == null ? "" : ": " + abbreviate(result.getResponseBody()))
                    .isEqualTo(status);
            if (status == 401) {
                assertThat(result.getResponseHeaders().getFirst(HttpHeaders.CONTENT_TYPE))
                        .as("a refusal is a problem detail")
                        .startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            }
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
