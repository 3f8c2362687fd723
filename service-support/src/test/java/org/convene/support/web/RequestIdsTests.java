package org.convene.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Work done for a request, on whichever thread, logs with the request's id. */
class RequestIdsTests {

    private final RequestIds filter = new RequestIds();

    @BeforeAll
    static void contextPropagationAsTheServicesRunIt() {
        // spring.reactor.context-propagation=auto in the services
        Hooks.enableAutomaticContextPropagation();
    }

    @AfterAll
    static void reset() {
        Hooks.disableAutomaticContextPropagation();
    }

    @Test
    void aWellFormedIdIsInTheLoggingContextOfTheWorkOnAnotherThreadAndOnTheResponse() {
        var seen = new AtomicReference<String>();
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/events").header(RequestIds.HEADER, "d45c988e-7"));

        filter.filter(
                        exchange,
                        served -> Mono.delay(java.time.Duration.ofMillis(10))
                                .publishOn(Schedulers.boundedElastic())
                                .doOnNext(tick -> seen.set(MDC.get(RequestIds.KEY)))
                                .then())
                .block();

        assertThat(seen.get()).isEqualTo("d45c988e-7");
        assertThat(exchange.getResponse().getHeaders().getFirst(RequestIds.HEADER))
                .isEqualTo("d45c988e-7");
    }

    @Test
    void anIdThatCouldForgeLogLinesIsIgnored() {
        var seen = new AtomicReference<String>("untouched");
        var exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/events").header(RequestIds.HEADER, "x\nlevel=ERROR fake"));

        filter.filter(exchange, served -> Mono.fromRunnable(() -> seen.set(MDC.get(RequestIds.KEY))))
                .block();

        assertThat(seen.get()).isNull();
    }
}
