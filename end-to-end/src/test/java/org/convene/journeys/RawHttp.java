package org.convene.journeys;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * HTTP/1.1 written byte by byte over a socket, one request per connection: what an attacker sends is not limited to
 * what a well-behaved client library allows (raw bytes in the path, control characters in header values, conflicting
 * framing headers, bodies that are not what they claim).
 */
final class RawHttp {

    private RawHttp() {}

    /** A request as bytes: text is ISO-8859-1, so each char below 256 is exactly one byte on the wire. */
    record Request(String method, String target, List<String> headerLines, byte[] body, boolean ownFraming) {

        byte[] bytes(int port) {
            var head = new StringBuilder();
            head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            head.append("Host: localhost:").append(port).append("\r\n");
            head.append("Connection: close\r\n");
            for (var line : headerLines) {
                head.append(line).append("\r\n");
            }
            if (!ownFraming && body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            var out = new ByteArrayOutputStream();
            out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.writeBytes(body);
            }
            return out.toByteArray();
        }
    }

    /** What came back: status 0 when the connection closed without an answer. */
    record Response(int status, List<String> headerLines, byte[] body) {

        Optional<String> header(String name) {
            var prefix = name.toLowerCase(Locale.ROOT) + ":";
            return headerLines.stream()
                    .filter(line -> line.toLowerCase(Locale.ROOT).startsWith(prefix))
                    .map(line -> line.substring(prefix.length()).strip())
                    .findFirst();
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response send(int port, Request request, int timeoutMillis) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(timeoutMillis);
            var out = socket.getOutputStream();
            try {
                out.write(request.bytes(port));
                out.flush();
            } catch (IOException refusedMidway) {
                // A server may answer and close before reading a large body: what it said is still read below.
            }
            return read(socket.getInputStream());
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no answer within " + timeoutMillis + " ms", e);
        } catch (IOException e) {
            return new Response(0, List.of(), new byte[0]);
        }
    }

    private static Response read(InputStream in) throws IOException {
        var all = new ByteArrayOutputStream();
        var buffer = new byte[16_384];
        try {
            for (int n; (n = in.read(buffer)) > 0; ) {
                all.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // A reset after the answer (the server closed without reading the rest of the body) keeps what arrived.
        }
        var bytes = all.toByteArray();
        int end = indexOf(bytes, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        if (end < 0) {
            return new Response(0, List.of(), bytes);
        }
        var head = new String(bytes, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        var status = Integer.parseInt(head[0].split(" ")[1]);
        var headers = new ArrayList<>(List.of(head).subList(1, head.length));
        var body = java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length);
        var response = new Response(status, headers, body);
        if (response.header("Transfer-Encoding").orElse("").equalsIgnoreCase("chunked")) {
            return new Response(status, headers, dechunk(body));
        }
        return response;
    }

    private static byte[] dechunk(byte[] body) {
        var out = new ByteArrayOutputStream();
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(java.util.Arrays.copyOfRange(body, at, body.length), new byte[] {'\r', '\n'});
            if (lineEnd < 0) {
                break;
            }
            var size = Integer.parseInt(
                    new String(body, at, lineEnd, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            at += lineEnd + 2;
            if (size == 0) {
                break;
            }
            out.write(body, at, Math.min(size, body.length - at));
            at += size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] bytes, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= bytes.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
