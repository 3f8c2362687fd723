package org.convene.bench;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

/**
 * The least a reverse proxy on the JVM does, as the gateway's ceiling in {@code load-tests/bench saturation}: Reactor
 * Netty (what Spring Cloud Gateway runs on) with a pool of kept-alive connections to one service, hop-by-hop headers
 * dropped both ways, a request id and {@code X-Forwarded-For} added on the way in and one security header on the way
 * out. No routing table, security, rate limit, circuit breaker, metrics, tracing or log: what the gateway does beyond
 * this is what the gap between the two costs.
 *
 * <p>{@code ReferenceProxy <port> <service base URL>}; listens on 127.0.0.1 only.
 */
public final class ReferenceProxy {

    private static final Set<String> HOP_BY_HOP = Set.of(
            "connection",
            "keep-alive",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "transfer-encoding",
            "upgrade",
            "host");

    private ReferenceProxy() {}

    public static void main(String[] args) {
        var port = Integer.parseInt(args[0]);
        var service = args[1];
        var pool = ConnectionProvider.builder("reference-proxy")
                .maxConnections(64)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        var client = HttpClient.create(pool).baseUrl(service).responseTimeout(Duration.ofSeconds(10));
        HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .handle((request, response) -> {
                    var toService = endToEnd(request.requestHeaders());
                    toService.set("X-Request-Id", requestId());
                    var remote = request.remoteAddress();
                    if (remote != null) {
                        toService.add("X-Forwarded-For", remote.getAddress().getHostAddress());
                    }
                    return client.headers(headers -> headers.set(toService))
                            .request(request.method())
                            .uri(request.uri())
                            .send(request.receive().retain())
                            .response((answer, body) -> {
                                var toCaller = endToEnd(answer.responseHeaders());
                                toCaller.set("X-Content-Type-Options", "nosniff");
                                return response.status(answer.status())
                                        .headers(toCaller)
                                        .send(body.retain())
                                        .then();
                            })
                            .then();
                })
                .bindNow()
                .onDispose()
                .block();
    }

    private static HttpHeaders endToEnd(HttpHeaders headers) {
        var copy = new DefaultHttpHeaders();
        headers.forEach(header -> {
            if (!HOP_BY_HOP.contains(header.getKey().toLowerCase())) {
                copy.add(header.getKey(), header.getValue());
            }
        });
        return copy;
    }

    private static String requestId() {
        var random = ThreadLocalRandom.current();
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}
