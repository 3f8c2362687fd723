package org.convene.testing;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A client for a service's management port, where health and metrics live (never the public port).
 * Under {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} that port is random as well; a test gets it
 * with {@code @LocalManagementPort}.
 */
public final class ManagementPort {

    /** One client per port, so tests that poll metrics reuse its connections instead of opening new ones. */
    private static final java.util.Map<Integer, WebTestClient> CLIENTS = new java.util.concurrent.ConcurrentHashMap<>();

    private ManagementPort() {}

    public static WebTestClient client(int port) {
        return CLIENTS.computeIfAbsent(port, ManagementPort::create);
    }

    private static WebTestClient create(int port) {
        return WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                // Latency histograms (fixed buckets per route) make the scrape larger than the default 256 KB buffer.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
                .build();
    }
}
