package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/** Defaults of application.yml that no test context shows, because the tests set their own. */
class GatewayDefaultsTests {

    @Test
    void traceSamplingDefaultsToAShareSuitedToProduction() throws IOException {
        assertThat(setting("management.tracing.sampling.probability")).isEqualTo("${CONVENE_TRACE_SAMPLING:0.1}");
    }

    @Test
    void springSecurityDoesNotObserveEachOfItsFilters() throws IOException {
        // A default of every service, the gateway included (service-support's defaults).
        assertThat(setting("convene-service-defaults.yml", "management.observations.enable.spring.security"))
                .isEqualTo(false);
    }

    @Test
    void onlyReadsAreRetriedAndTimeLimitsAreTheHttpClients() throws IOException {
        assertThat(setting("spring.cloud.gateway.server.webflux.default-filters[3].name"))
                .isEqualTo("ReadRetry");
        assertThat(setting("spring.cloud.gateway.server.webflux.default-filters[3].args.methods"))
                .isEqualTo("GET,HEAD");
        assertThat(setting("spring.cloud.circuitbreaker.resilience4j.disable-time-limiter"))
                .isEqualTo(true);
    }

    @Test
    void connectionsToTheServicesArePooledAndKeptAlive() throws IOException {
        var pool = "spring.cloud.gateway.server.webflux.httpclient.pool.";
        assertThat(setting(pool + "type")).isEqualTo("FIXED");
        assertThat(setting(pool + "max-idle-time")).isNotNull();
        assertThat(setting(pool + "max-life-time")).isNotNull();
    }

    private static Object setting(String name) throws IOException {
        return setting("application.yml", name);
    }

    private static Object setting(String file, String name) throws IOException {
        PropertySource<?> yml = new YamlPropertySourceLoader()
                .load(file, new ClassPathResource(file))
                .getFirst();
        var value = yml.getProperty(name);
        return value == null ? null : value instanceof CharSequence text ? text.toString() : value;
    }
}
