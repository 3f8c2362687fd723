package org.convene.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.Appender;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The running gateway writes its access lines through an asynchronous appender, not on the request's thread. */
class AccessLogTests extends GatewayTest {

    @Autowired
    WebTestClient client;

    @Test
    void theAccessLoggerWritesAsynchronouslyAndNoLongerThroughTheRoot() {
        client.get().uri("/api/events/e-1").exchange().expectStatus().isOk();

        var access = (Logger) LoggerFactory.getLogger("org.convene.gateway.access");
        var appenders = new ArrayList<Appender<?>>();
        access.iteratorForAppenders().forEachRemaining(appenders::add);
        assertThat(appenders)
                .isNotEmpty()
                .allSatisfy(appender -> assertThat(appender)
                        .isInstanceOf(AsyncAppender.class)
                        .satisfies(async -> assertThat(async.isStarted()).isTrue()));
        assertThat(access.isAdditive())
                .as("lines do not also go the synchronous way")
                .isFalse();
    }
}
