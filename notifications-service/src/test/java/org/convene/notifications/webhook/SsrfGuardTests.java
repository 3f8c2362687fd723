package org.convene.notifications.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.convene.notifications.webhook.domain.AddressGuard;
import org.convene.notifications.webhook.domain.WebhookUrlRefused;
import org.convene.notifications.webhook.sending.WebhookHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The server-side request forgery guard, on as in production: no call reaches loopback, private,
 * link-local (the cloud metadata address), unique-local or any IPv4 address dressed as IPv6, whether
 * the URL names the address or a host that resolves to it, at registration or at send time. A real
 * receiver on 127.0.0.1 proves nothing arrives.
 */
class SsrfGuardTests {

    private final Receiver receiver = newReceiver();

    // Plain http allowed for these hosts so that the address guard, not the scheme rule, is what refuses.
    private final WebhookHttp guarded = new WebhookHttp(
            false,
            Set.of("127.0.0.1", "localhost", "10.0.0.7", "169.254.169.254", "::1", "0.0.0.0", "192.168.1.1"),
            4,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    @AfterEach
    void close() {
        guarded.close();
        receiver.close();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:%d/hook",
                "http://localhost:%d/hook",
                "http://[::1]:%d/hook",
                "http://0.0.0.0:%d/hook",
                "http://10.0.0.7:%d/hook",
                "http://192.168.1.1:%d/hook",
                "http://169.254.169.254:%d/latest/meta-data/"
            })
    void noCallIsMadeToANonPublicAddressNamedOrResolved(String pattern) {
        var url = pattern.formatted(receiver.port());

        var answer = guarded.post(url, Map.of("webhook-id", "msg_test"), "{}").block(Duration.ofSeconds(10));

        assertThat(answer.status()).isNull();
        assertThat(answer.error()).isEqualTo("address-refused");
        assertThatThrownBy(() -> guarded.check(URI.create(url)).block(Duration.ofSeconds(10)))
                .isInstanceOf(WebhookUrlRefused.class)
                .hasMessageContaining("non-public address");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void theSameReceiverIsReachedWhenTheOperatorAllowsPrivateNetworks() {
        try (var open = new WebhookHttp(
                true,
                Set.of("127.0.0.1", "localhost"),
                4,
                Duration.ofSeconds(2),
                Duration.ofSeconds(2),
                Duration.ofSeconds(5))) {
            var answer = open.post(receiver.url("/hook"), Map.of(), "{}").block(Duration.ofSeconds(10));
            var byName = open.post("http://localhost:" + receiver.port() + "/named", Map.of(), "{}")
                    .block(Duration.ofSeconds(10));

            assertThat(answer.status()).isEqualTo(200);
            assertThat(byName.status()).isEqualTo(200);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void plainHttpIsRefusedForHostsNotAllowedIt() {
        assertThatThrownBy(() ->
                        guarded.check(URI.create("http://hooks.example.org/x")).block())
                .isInstanceOf(WebhookUrlRefused.class)
                .hasMessage("must be an https URL");
        assertThat(guarded.post("http://hooks.example.org/x", Map.of(), "{}")
                        .block()
                        .error())
                .isEqualTo("scheme-refused");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.8.9.10",
                "10.1.2.3",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "169.254.169.254",
                "100.64.0.1",
                "0.0.0.0",
                "224.0.0.1",
                "255.255.255.255",
                "198.18.0.1",
                "::1",
                "::",
                "fe80::1",
                "fc00::1",
                "fd12:3456::1",
                "ff02::1",
                "::ffff:127.0.0.1",
                "::ffff:10.0.0.1",
                "::ffff:169.254.169.254",
                "::127.0.0.1",
                "64:ff9b::a00:1",
                "2002:7f00:1::1",
                "2002:a9fe:a9fe::1"
            })
    void nonPublicAddressesAreRefused(String address) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "93.184.216.34",
                "8.8.8.8",
                "172.32.0.1",
                "2606:4700:4700::1111",
                "::ffff:8.8.8.8",
                "2002:808:808::1"
            })
    void publicAddressesAreAllowed(String address) throws Exception {
        assertThat(AddressGuard.isPublic(InetAddress.getByName(address))).isTrue();
    }

    @Test
    void anIpv4MappedAddressGivenAsRawIpv6BytesIsJudgedByItsIpv4Address() throws Exception {
        var bytes = new byte[16];
        bytes[10] = (byte) 0xff;
        bytes[11] = (byte) 0xff;
        bytes[12] = 127;
        bytes[15] = 1;
        var mapped = java.net.Inet6Address.getByAddress(null, bytes, -1);
        assertThat(AddressGuard.isPublic(mapped)).isFalse();
    }

    private static Receiver newReceiver() {
        try {
            return new Receiver();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
