package org.convene.notifications.webhook.sending;

import io.netty.channel.ChannelOption;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;
import org.convene.notifications.webhook.domain.AddressGuard;
import org.convene.notifications.webhook.domain.WebhookDestinations;
import org.convene.notifications.webhook.domain.WebhookUrlRefused;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Calls to webhook endpoints, and the rules for where they may go (ADR 17): https unless the host is
 * allowed plain http by configuration; names resolved only by {@link GuardedResolverGroup}; an IP literal
 * checked as it stands; and the address actually connected to checked once more before anything is sent.
 * Redirects are not followed (a 3xx is an answer like any other). Connect and read time-outs, and one
 * limit for the whole call; a bounded pool of connections. Answers' bodies are drained unread.
 */
public final class WebhookHttp implements WebhookDestinations, AutoCloseable {

    /** How a call ended: an HTTP status, or a kind of failure ({@code timeout}, {@code connect}, {@code address-refused}, {@code scheme-refused}). */
    public record Answer(@Nullable Integer status, @Nullable String error) {}

    private final boolean allowPrivateNetwork;
    private final Set<String> httpAllowedHosts;
    private final Duration callTimeout;
    private final ExecutorService lookups;
    private final GuardedResolverGroup resolver;
    private final ConnectionProvider pool;
    private final WebClient client;

    public WebhookHttp(
            boolean allowPrivateNetwork,
            Set<String> httpAllowedHosts,
            int maxConnections,
            Duration connectTimeout,
            Duration readTimeout,
            Duration callTimeout) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.httpAllowedHosts = httpAllowedHosts.stream()
                .map(host -> host.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.callTimeout = callTimeout;
        // Name look-ups block; a few threads of their own keep them off the event loops.
        this.lookups = Executors.newFixedThreadPool(
                4, Thread.ofPlatform().name("webhook-dns-", 0).daemon().factory());
        this.resolver = new GuardedResolverGroup(allowPrivateNetwork, lookups);
        this.pool = ConnectionProvider.builder("webhooks")
                .maxConnections(maxConnections)
                .pendingAcquireMaxCount(maxConnections * 4)
                .pendingAcquireTimeout(connectTimeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .maxLifeTime(Duration.ofMinutes(5))
                .build();
        var http = HttpClient.create(pool)
                .resolver(resolver)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(connectTimeout.toMillis()))
                .responseTimeout(readTimeout)
                .doOnConnected(connection -> {
                    // The last word: whatever led here, never talk to an address the guard refuses.
                    if (!allowPrivateNetwork
                            && connection.channel().remoteAddress() instanceof InetSocketAddress remote
                            && remote.getAddress() != null
                            && !AddressGuard.isPublic(remote.getAddress())) {
                        connection.channel().close();
                        throw new IllegalStateException(new RefusedAddress());
                    }
                });
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
    }

    /** At registration: the scheme and host by configuration, and every address the host resolves to now. */
    @Override
    public Mono<Void> check(URI url) {
        var refusal = schemeRefusal(url);
        if (refusal != null) {
            return Mono.error(new WebhookUrlRefused(refusal));
        }
        return Mono.fromCallable(() -> resolver.lookUp(bare(url.getHost())))
                .subscribeOn(Schedulers.fromExecutor(lookups))
                .timeout(Duration.ofSeconds(5))
                .onErrorMap(
                        RefusedAddress.class,
                        e -> new WebhookUrlRefused(
                                "must not point to a private, loopback, link-local or other non-public address"))
                .onErrorMap(
                        e -> !(e instanceof WebhookUrlRefused), e -> new WebhookUrlRefused("host could not be found"))
                .then();
    }

    public Mono<Answer> post(String url, Map<String, String> headers, String body) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Mono.just(new Answer(null, "scheme-refused"));
        }
        if (schemeRefusal(uri) != null) {
            return Mono.just(new Answer(null, "scheme-refused"));
        }
        var host = bare(uri.getHost());
        if (!allowPrivateNetwork && isLiteral(host)) {
            try {
                // IP literals never reach the resolver: judged here as they stand.
                if (!AddressGuard.isPublic(InetAddress.getByName(host))) {
                    return Mono.just(new Answer(null, "address-refused"));
                }
            } catch (java.net.UnknownHostException e) {
                return Mono.just(new Answer(null, "connect"));
            }
        }
        return client.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .headers(out -> headers.forEach(out::set))
                .bodyValue(body)
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(new Answer(response.statusCode().value(), null)))
                .timeout(callTimeout)
                .onErrorResume(e -> Mono.just(new Answer(null, kind(e))));
    }

    static String kind(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof RefusedAddress) {
                return "address-refused";
            }
            if (cause instanceof TimeoutException
                    || cause instanceof ReadTimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return "timeout";
            }
            if (cause instanceof ConnectException || cause instanceof java.net.UnknownHostException) {
                return "connect";
            }
        }
        return "connect";
    }

    private @Nullable String schemeRefusal(URI url) {
        var scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        var host = url.getHost() == null ? "" : bare(url.getHost()).toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            return null;
        }
        if (scheme.equals("http") && httpAllowedHosts.contains(host)) {
            return null;
        }
        return "must be an https URL";
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean isLiteral(String host) {
        return io.netty.util.NetUtil.isValidIpV4Address(host) || io.netty.util.NetUtil.isValidIpV6Address(host);
    }

    @Override
    public void close() {
        pool.dispose();
        lookups.shutdownNow();
    }
}
