package org.convene.gateway.ratelimit;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.convene.gateway.edge.EdgeProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The address a client is counted by. It is the connection's own peer address: headers a client
 * can write (X-Forwarded-For, Forwarded) are believed only when the connection comes from one of
 * {@code convene.gateway.trusted-proxies}, and then the right-most address in X-Forwarded-For that
 * is not itself a trusted proxy counts.
 */
@Component
public class ClientAddress {

    private final List<AddressRange> trustedProxies;

    public ClientAddress(EdgeProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream()
                .map(String::strip)
                .filter(entry -> !entry.isEmpty())
                .map(AddressRange::parse)
                .toList();
    }

    public @Nullable String of(ServerWebExchange exchange) {
        var peer = peerAddress(exchange.getRequest());
        if (peer == null || !trusted(peer)) {
            return peer;
        }
        var forwardedFor = rawForwardedFor(exchange.getRequest());
        if (forwardedFor.isEmpty()) {
            return peer;
        }
        var hops = forwardedFor.stream()
                .flatMap(value -> java.util.Arrays.stream(value.split(",")))
                .map(String::strip)
                .filter(hop -> !hop.isEmpty())
                .toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            var hop = hops.get(i);
            if (!isAddress(hop)) {
                return peer;
            }
            if (!trusted(hop)) {
                return hop;
            }
        }
        return hops.isEmpty() ? peer : hops.getFirst();
    }

    private boolean trusted(String address) {
        InetAddress parsed;
        try {
            parsed = InetAddress.ofLiteral(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return trustedProxies.stream().anyMatch(range -> range.contains(parsed));
    }

    /** An address or a CIDR range of IP literals, e.g. {@code 10.0.0.0/8} or {@code 192.0.2.7}. */
    record AddressRange(byte[] network, int prefix) {

        static AddressRange parse(String text) {
            var slash = text.indexOf('/');
            var address = InetAddress.ofLiteral(slash < 0 ? text : text.substring(0, slash))
                    .getAddress();
            var prefix = slash < 0 ? address.length * 8 : Integer.parseInt(text.substring(slash + 1));
            if (prefix < 0 || prefix > address.length * 8) {
                throw new IllegalArgumentException("Not a valid address range: " + text);
            }
            return new AddressRange(address, prefix);
        }

        boolean contains(InetAddress candidate) {
            var bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefix; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }

    private static boolean isAddress(String candidate) {
        // IP literals only: never a host name to look up.
        return candidate.matches("[0-9.]+|[0-9A-Fa-f:.]+") && candidate.length() <= 45;
    }

    /**
     * X-Forwarded-For as it arrived: Spring's forwarded-header support (server.forward-headers-strategy)
     * takes it off the request once it has rewritten the remote address from its left-most entry.
     */
    private static List<String> rawForwardedFor(ServerHttpRequest request) {
        try {
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
            if (nativeRequest instanceof reactor.netty.http.server.HttpServerRequest netty) {
                return netty.requestHeaders().getAll("X-Forwarded-For");
            }
        } catch (IllegalArgumentException e) {
            // not a Reactor Netty request
        }
        var headers = request.getHeaders().get("X-Forwarded-For");
        return headers == null ? List.of() : headers;
    }

    /** The socket's peer, not the remote address Spring may have rewritten from forwarded headers. */
    private static @Nullable String peerAddress(ServerHttpRequest request) {
        InetSocketAddress address;
        try {
            Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(request);
            address = nativeRequest instanceof reactor.netty.http.server.HttpServerRequest netty
                    ? (InetSocketAddress) netty.remoteAddress()
                    : request.getRemoteAddress();
        } catch (IllegalArgumentException e) {
            address = request.getRemoteAddress();
        }
        if (address == null) {
            return null;
        }
        return address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
    }
}
