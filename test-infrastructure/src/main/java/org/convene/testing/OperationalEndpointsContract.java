package org.convene.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What operators rely on from every service: probes that mean something, metrics they can group by
 * application, all of it on the management port and none of it on the public one, and nothing exposed
 * beyond what they need. A service's application test implements this to inherit the checks.
 */
public interface OperationalEndpointsContract {

    /** A client of the public port. */
    WebTestClient client();

    /** The management port ({@code @LocalManagementPort}). */
    int managementPort();

    default WebTestClient management() {
        return ManagementPort.client(managementPort());
    }

    String applicationName();

    /** The health components that must be up before the service takes traffic. */
    List<String> readinessDependencies();

    @Test
    default void isLive() {
        management()
                .get()
                .uri("/actuator/health/liveness")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    default void isReadyOnlyWithItsDependenciesUp() {
        var health = management()
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        assertThat(health).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        var components = (Map<String, Map<String, Object>>) health.getOrDefault("components", Map.of());
        readinessDependencies()
                .forEach(name -> assertThat(components.get(name))
                        .as("readiness component %s", name)
                        .containsEntry("status", "UP"));
    }

    @Test
    default void tagsEveryMetricWithItsApplicationName() {
        var scrape = management()
                .get()
                .uri("/actuator/prometheus")
                .accept(MediaType.TEXT_PLAIN)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        var samples = scrape.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .toList();
        assertThat(samples).isNotEmpty();
        assertThat(samples).allMatch(line -> line.contains("application=\"" + applicationName() + "\""));
    }

    @Test
    default void exposesOnlyTheActuatorEndpointsOperatorsNeed() {
        for (var hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers", "shutdown")) {
            management()
                    .get()
                    .uri("/actuator/" + hidden)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
        }
    }

    @Test
    default void keepsOperationalEndpointsOffThePublicPort() {
        assertThat(managementPort()).isNotZero();
        for (var path :
                List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/prometheus")) {
            client().get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody(String.class)
                    .value(body -> assertThat(body == null ? "" : body).doesNotContain("\"UP\"", "jvm_"));
            management().get().uri(path).exchange().expectStatus().isOk();
        }
    }
}
