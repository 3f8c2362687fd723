package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one OpenAPI document of the public API, merged from what each service's springdoc publishes
 * at /v3/api-docs. The stand-in services serve documents recorded from the real services
 * (src/test/resources/openapi/, refreshed by GET /v3/api-docs on each service); each service's own
 * authorization-matrix test proves its document is public.
 */
class ApiDocsTests extends GatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> SERVICES =
            List.of("events-service", "registrations-service", "notifications-service");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head", "options");

    @Autowired
    WebTestClient client;

    @Test
    void theAggregatedDocumentListsEveryEndpointOfEveryServiceAndOfTheGateway() throws IOException {
        var aggregate = JSON.readTree(aggregate());

        var missing = new ArrayList<String>();
        var listed = 0;
        for (var service : SERVICES) {
            JsonNode document;
            try (var in = getClass().getResourceAsStream("/openapi/" + service + ".json")) {
                document = JSON.readTree(in);
            }
            for (var path : document.path("paths").propertyNames()) {
                for (var method : METHODS) {
                    if (document.path("paths").path(path).has(method)) {
                        listed++;
                        if (!aggregate.path("paths").path(path).has(method)) {
                            missing.add(service + " " + method.toUpperCase() + " " + path);
                        }
                    }
                }
            }
        }
        assertThat(missing).as("endpoints missing from the aggregate").isEmpty();
        assertThat(listed).as("endpoints the services document").isGreaterThan(20);
        assertThat(aggregate.path("paths").path("/api/session").has("get")).isTrue();
        assertThat(aggregate.path("paths").path("/logout").has("post")).isTrue();
        assertThat(aggregate.has("x-convene-unavailable")).isFalse();
        assertThat(aggregate.path("servers").get(0).path("url").asString()).isEqualTo("/");
    }

    @Test
    void theAggregatedDocumentIsValidOpenApi() {
        var options = new ParseOptions();
        options.setResolve(true);
        var result = new OpenAPIV3Parser().readContents(aggregate(), null, options);

        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI()).isNotNull();
        assertThat(result.getOpenAPI().getPaths()).isNotEmpty();
    }

    @Test
    void listsOnlyWhatTheGatewayRoutesAndKeepsOperationIdsUnique() throws IOException {
        var aggregate = JSON.readTree(aggregate());
        var ids = new ArrayList<String>();
        for (var path : aggregate.path("paths").propertyNames()) {
            assertThat(path)
                    .as("a path clients can reach through the gateway")
                    .matches(
                            "/api/(events|organisations|registrations|newsletter|newsletters|session)(/.*)?|/newsletter/.+|/logout|/oauth2/authorization/convene");
            for (var method : METHODS) {
                var operation = aggregate.path("paths").path(path).path(method);
                if (operation.has("operationId")) {
                    ids.add(operation.path("operationId").asString());
                }
            }
        }
        assertThat(ids).doesNotHaveDuplicates();
    }

    @Test
    void swaggerUiShowsTheAggregatedDocument() {
        client.get()
                .uri("/swagger-ui.html")
                .exchange()
                .expectStatus()
                .is3xxRedirection()
                .expectHeader()
                .value("Location", location -> assertThat(location).isEqualTo("/swagger-ui/index.html"));
        client.get()
                .uri("/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .exists("Content-Security-Policy");
        client.get()
                .uri("/v3/api-docs/gateway/swagger-config")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.url")
                .isEqualTo("/v3/api-docs");
    }

    private String aggregate() {
        return client.get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
