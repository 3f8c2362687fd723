package org.convene.web.api;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.convene.web.config.WebProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the pages call the services: with the caller's own credentials (the bearer token the gateway
 * relayed, if any, and the request id), within a time limit, and with refusals turned into {@link
 * ApiProblem}s and unreachable services into {@link ServiceUnavailable}.
 */
@Component
public class ServiceCalls {

    private final WebClient.Builder builder;
    private final Duration timeout;
    private final JsonMapper json;

    ServiceCalls(WebClient.Builder builder, WebProperties properties, JsonMapper json) {
        this.builder = builder;
        this.timeout = properties.apiTimeout();
        this.json = json;
    }

    WebClient client(URI baseUrl) {
        return builder.clone()
                .baseUrl(baseUrl.toString())
                .filter(callersCredentials())
                .defaultStatusHandler(HttpStatusCode::isError, this::problem)
                .build();
    }

    <T> Mono<T> limited(Mono<T> call) {
        return call.timeout(timeout).onErrorMap(ServiceCalls::unreachable, e -> new ServiceUnavailable());
    }

    private static boolean unreachable(Throwable e) {
        return e instanceof TimeoutException || e instanceof WebClientRequestException;
    }

    private Mono<? extends Throwable> problem(ClientResponse response) {
        int status = response.statusCode().value();
        if (status == 502 || status == 503 || status == 504) {
            return response.releaseBody().then(Mono.just(new ServiceUnavailable()));
        }
        return response.bodyToMono(String.class)
                .map(body -> new ApiProblem(status, parse(body)))
                .defaultIfEmpty(new ApiProblem(status, null));
    }

    private ApiProblem.@Nullable Body parse(String body) {
        try {
            return json.readValue(body, ApiProblem.Body.class);
        } catch (RuntimeException notProblemDetails) {
            return null;
        }
    }

    /** The relayed token and request id travel on from the page's request to the service. */
    private static ExchangeFilterFunction callersCredentials() {
        return (request, next) -> Mono.deferContextual(context -> {
            var caller = context.<CallerCredentials>getOrEmpty(CallerCredentials.class)
                    .orElse(CallerCredentials.NONE);
            var withCaller = ClientRequest.from(request).headers(headers -> {
                if (caller.authorization() != null) {
                    headers.set(HttpHeaders.AUTHORIZATION, caller.authorization());
                }
                if (caller.requestId() != null) {
                    headers.set("X-Request-Id", caller.requestId());
                }
            });
            return next.exchange(withCaller.build());
        });
    }

    /** A service did not answer in time or could not be reached: the page says so and changes nothing. */
    public static final class ServiceUnavailable extends RuntimeException {
        public ServiceUnavailable() {
            super("A service did not answer in time", null, false, false);
        }
    }
}
