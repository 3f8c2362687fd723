package org.convene.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Refuses request bodies larger than {@code convene.gateway.max-body-size} with 413 problem details,
 * before anything (sign-in, CSRF, a service) reads them. A declared Content-Length is checked up
 * front; a body without one (chunked) is read up to the limit and passed on whole, or refused.
 * A compressed body ({@code Content-Encoding} other than identity) is refused with 415: no service
 * decodes one, so passing it on would have a service read other bytes than those declared, and
 * decoding it here would let a small request expand far past the limit.
 */
@Component
public class BodySizeLimitFilter implements WebFilter, Ordered {

    private final long limit;

    public BodySizeLimitFilter(EdgeProperties properties) {
        this.limit = properties.maxBodySize().toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var headers = exchange.getRequest().getHeaders();
        var encodings = headers.getOrEmpty(HttpHeaders.CONTENT_ENCODING);
        if (encodings.stream()
                .anyMatch(encoding -> !encoding.isBlank() && !encoding.strip().equalsIgnoreCase("identity"))) {
            return Problems.write(
                    exchange,
                    Problems.problem(
                            HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "unsupported-media-type",
                            "Compressed requests are not accepted",
                            "Send the request body without a Content-Encoding.",
                            RequestIdFilter.of(exchange)));
        }
        long declared = headers.getContentLength();
        if (declared > limit) {
            return tooLarge(exchange);
        }
        var method = exchange.getRequest().getMethod();
        boolean mayHaveBody = method == HttpMethod.POST
                || method == HttpMethod.PUT
                || method == HttpMethod.PATCH
                || method == HttpMethod.DELETE;
        if (declared >= 0 || !mayHaveBody) {
            return chain.filter(exchange);
        }
        // No declared length (chunked): read up to the limit, then pass the body on with its length.
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(limit, Integer.MAX_VALUE))
                .onErrorMap(DataBufferLimitException.class, e -> new TooLarge())
                .map(body -> withBody(exchange, body))
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter)
                .onErrorResume(TooLarge.class, e -> tooLarge(exchange));
    }

    private static ServerWebExchange withBody(ServerWebExchange exchange, DataBuffer body) {
        int length = body.readableByteCount();
        var request = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                return Flux.just(body);
            }
        };
        var sized = request.mutate()
                .headers(headers -> {
                    headers.remove(HttpHeaders.TRANSFER_ENCODING);
                    headers.setContentLength(length);
                })
                .build();
        return exchange.mutate().request(sized).build();
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    private Mono<Void> tooLarge(ServerWebExchange exchange) {
        return Problems.write(
                exchange,
                Problems.problem(
                        HttpStatus.CONTENT_TOO_LARGE,
                        "content-too-large",
                        "The request is too large",
                        "Requests to Convene may carry at most " + limit + " bytes.",
                        RequestIdFilter.of(exchange)));
    }
}
