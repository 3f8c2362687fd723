package org.convene.notifications.webhook.domain;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Server-side request forgery guard: which resolved addresses a webhook may reach. Refused: loopback,
 * any-local, private (RFC 1918), shared (100.64/10), link-local (incl. 169.254.169.254, the cloud
 * metadata address), multicast, broadcast, benchmarking and reserved IPv4 ranges; IPv6 loopback,
 * unspecified, unique-local (fc00::/7), link- and site-local, multicast; and every IPv6 form that carries
 * an IPv4 address (mapped {@code ::ffff:a.b.c.d}, compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96},
 * 6to4 {@code 2002::/16}), judged by the IPv4 address inside.
 */
public final class AddressGuard {

    private AddressGuard() {}

    public static boolean isPublic(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            var bytes = v6.getAddress();
            var embedded = embeddedIpv4(bytes);
            if (embedded != null) {
                return isPublic(embedded);
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return false; // unique-local fc00::/7
            }
        }
        if (address.isLoopbackAddress()
                || address.isAnyLocalAddress()
                || address.isLinkLocalAddress()
                || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return false;
        }
        if (address instanceof Inet4Address) {
            var b = address.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return !(first == 0 // this network
                    || (first == 100 && second >= 64 && second <= 127) // shared address space
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240); // reserved and broadcast
        }
        return true;
    }

    private static @Nullable InetAddress embeddedIpv4(byte[] v6) {
        try {
            boolean firstTenZero = Arrays.equals(Arrays.copyOfRange(v6, 0, 10), new byte[10]);
            if (firstTenZero && (v6[10] & 0xff) == 0xff && (v6[11] & 0xff) == 0xff) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)); // ::ffff:a.b.c.d
            }
            if (Arrays.equals(Arrays.copyOfRange(v6, 0, 12), new byte[12])) {
                // ::a.b.c.d (deprecated compatible form); :: and ::1 themselves are judged as IPv6
                var tail = Arrays.copyOfRange(v6, 12, 16);
                if ((tail[0] | tail[1] | tail[2]) == 0 && (tail[3] == 0 || tail[3] == 1)) {
                    return null;
                }
                return InetAddress.getByAddress(tail);
            }
            if ((v6[0] & 0xff) == 0x00
                    && (v6[1] & 0xff) == 0x64
                    && (v6[2] & 0xff) == 0xff
                    && (v6[3] & 0xff) == 0x9b
                    && Arrays.equals(Arrays.copyOfRange(v6, 4, 12), new byte[8])) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 12, 16)); // NAT64
            }
            if ((v6[0] & 0xff) == 0x20 && (v6[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(v6, 2, 6)); // 6to4
            }
            return null;
        } catch (UnknownHostException impossible) {
            return null;
        }
    }
}
