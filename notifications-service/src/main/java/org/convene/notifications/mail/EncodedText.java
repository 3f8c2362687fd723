package org.convene.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeBodyPart;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * A text part of an email, encoded for the wire when it is made. Jakarta Mail would otherwise scan the
 * text to choose an encoding when the message is saved and then encode it a byte at a time through
 * four layered streams as it is sent: together the largest share of the sender's CPU (newsletter
 * benchmark, JFR). The choice is Jakarta Mail's own: 7bit when every byte is ASCII and no line is
 * longer than SMTP allows, quoted-printable when most bytes are ASCII, base64 otherwise (Arabic); line
 * breaks become CRLF in every case, as Jakarta Mail's encoders make them.
 */
final class EncodedText {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final int SMTP_LINE = 998;
    private static final int ENCODED_LINE = 76;
    private static final Base64.Encoder BASE64 =
            Base64.getMimeEncoder(ENCODED_LINE, "\r\n".getBytes(StandardCharsets.US_ASCII));

    private EncodedText() {}

    /** A part holding {@code text} of type {@code text/<subtype>; charset=UTF-8}, already encoded. */
    static MimeBodyPart part(String text, String subtype) throws MessagingException {
        var utf8 = (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
        var encoding = encodingFor(utf8);
        var headers = new InternetHeaders();
        headers.setHeader("Content-Type", "text/" + subtype + "; charset=UTF-8");
        headers.setHeader("Content-Transfer-Encoding", encoding);
        return new MimeBodyPart(headers, encode(utf8, encoding));
    }

    static String encodingFor(byte[] utf8) {
        int nonAscii = 0;
        int longest = 0;
        int line = 0;
        for (byte b : utf8) {
            if (b == '\n' || b == '\r') {
                line = 0;
                continue;
            }
            if (b < 0 || b == 0) {
                nonAscii++;
            }
            longest = Math.max(longest, ++line);
        }
        if (nonAscii == 0 && longest <= SMTP_LINE) {
            return "7bit";
        }
        return nonAscii > utf8.length - nonAscii ? "base64" : "quoted-printable";
    }

    static byte[] encode(byte[] utf8, String encoding) {
        return switch (encoding) {
            case "7bit" -> crlf(utf8);
            case "base64" -> BASE64.encode(crlf(utf8));
            case "quoted-printable" -> quotedPrintable(utf8);
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        };
    }

    /** Bare CR or LF, and CRLF, as CRLF. */
    private static byte[] crlf(byte[] utf8) {
        var out = new Bytes(utf8.length + utf8.length / 32 + 8);
        for (int i = 0; i < utf8.length; i++) {
            byte b = utf8[i];
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < utf8.length && utf8[i + 1] == '\n') {
                    i++;
                }
                out.add('\r');
                out.add('\n');
            } else {
                out.add(b);
            }
        }
        return out.toArray();
    }

    /**
     * RFC 2045 quoted-printable: printable ASCII but {@code =} as is, everything else as {@code =XX}, a
     * space or tab at the end of a line encoded, encoded lines of at most 76 characters with soft breaks.
     */
    static byte[] quotedPrintable(byte[] utf8) {
        var out = new Bytes(utf8.length + utf8.length / 4 + 16);
        int lineLength = 0;
        for (int i = 0; i < utf8.length; i++) {
            int b = utf8[i] & 0xff;
            if (b == '\r' || b == '\n') {
                if (b == '\r' && i + 1 < utf8.length && utf8[i + 1] == '\n') {
                    i++;
                }
                out.add('\r');
                out.add('\n');
                lineLength = 0;
                continue;
            }
            boolean lastOfLine = i + 1 == utf8.length || utf8[i + 1] == '\n' || utf8[i + 1] == '\r';
            boolean literal = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lastOfLine);
            int width = literal ? 1 : 3;
            // Room for the soft break's "=" unless nothing follows on this line.
            if (lineLength + width > (lastOfLine ? ENCODED_LINE : ENCODED_LINE - 1)) {
                out.add('=');
                out.add('\r');
                out.add('\n');
                lineLength = 0;
            }
            if (literal) {
                out.add(b);
            } else {
                out.add('=');
                out.add(HEX[b >> 4]);
                out.add(HEX[b & 0x0f]);
            }
            lineLength += width;
        }
        return out.toArray();
    }

    private static final class Bytes {
        private byte[] bytes;
        private int size;

        Bytes(int capacity) {
            bytes = new byte[Math.max(16, capacity)];
        }

        void add(int b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, bytes.length * 2);
            }
            bytes[size++] = (byte) b;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
