package org.convene.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A bare application with this module on its classpath gets the operational defaults every service relies on. */
@SpringBootTest(
        classes = ServiceDefaultsTests.ProbeApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.application.name=probe",
            "spring.autoconfigure.exclude=" + "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"
        })
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class ServiceDefaultsTests {

    @Autowired
    WebTestClient client;

    @Autowired
    Environment environment;

    @Test
    void logsAsJsonCarryingTheTraceIdOfTheRequest(CapturedOutput output) {
        client.get().uri("/hello").exchange().expectStatus().isOk();

        assertThat(output.getOut().lines().filter(line -> line.contains("handling hello")))
                .singleElement()
                .asString()
                .startsWith("{")
                .contains("\"service\":{\"name\":\"probe\"")
                .containsPattern("\"traceId\":\"[0-9a-f]{32}\"")
                .containsPattern("\"spanId\":\"[0-9a-f]{16}\"");
    }

    @Test
    void shutsDownGracefullyAndExposesOnlyWhatOperatorsNeed() {
        assertThat(environment.getProperty("server.shutdown")).isEqualTo("graceful");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,info,prometheus");
    }

    @Test
    void letsAServiceOverrideADefault() {
        assertThat(environment.getProperty("management.metrics.tags.application"))
                .isEqualTo("probe");
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @RestController
    static class ProbeApplication {

        private static final Logger log = LoggerFactory.getLogger(ProbeApplication.class);

        /** Security is on this module's classpath for the services; the probe has nothing to protect. */
        @org.springframework.context.annotation.Bean
        org.springframework.security.web.server.SecurityWebFilterChain openToAll(
                org.springframework.security.config.web.server.ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                    .build();
        }

        @GetMapping("/hello")
        Mono<String> hello() {
            return Mono.fromSupplier(() -> {
                log.info("handling hello");
                return "hello";
            });
        }
    }
}
