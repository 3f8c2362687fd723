package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EncodedTextTests {

    static Stream<Arguments> texts() {
        return Stream.of(
                Arguments.of("plain ASCII, short lines", "Hello,\nsee you on Tuesday.\n", "7bit"),
                Arguments.of("CRLF and bare CR", "one\r\ntwo\rthree\n", "7bit"),
                Arguments.of("an ASCII line longer than SMTP allows", "a".repeat(1_200) + "\nend", "quoted-printable"),
                Arguments.of("Welsh", "Croeso i'r gweithdy ŵ ŷ â – dydd Mawrth\n", "quoted-printable"),
                Arguments.of("equals signs, trailing spaces and tabs", "a=b \nc\t\n=\n ends with space ", "7bit"),
                Arguments.of(
                        "equals signs and trailing spaces with non-ASCII", "é=b \nc\t\n=\n ends ", "quoted-printable"),
                Arguments.of(
                        "long HTML line with non-ASCII",
                        "<p>" + "Gweithdy ŵ & <a href=\"https://x.example/?a=1&b=2\">link</a> ".repeat(60) + "</p>",
                        "quoted-printable"),
                Arguments.of("Arabic", "مرحبا بكم في ورشة العمل يوم الثلاثاء\nشكرا", "base64"),
                Arguments.of("emoji near line ends", ("x".repeat(73) + "😀").repeat(5), "quoted-printable"),
                Arguments.of("a NUL byte", "a\u0000b", "quoted-printable"),
                Arguments.of("empty", "", "7bit"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("texts")
    void readsBackAsWrittenWithLineBreaksAsCrlf(String what, String text, String encoding) throws Exception {
        var part = EncodedText.part(text, "plain");
        assertThat(part.getEncoding()).isEqualTo(encoding);

        var message = new MimeMessage(Session.getInstance(new Properties()));
        var multipart = new MimeMultipart("alternative");
        multipart.addBodyPart(part);
        message.setContent(multipart);
        message.saveChanges();
        var wire = new ByteArrayOutputStream();
        message.writeTo(wire);

        for (var line : wire.toString(StandardCharsets.US_ASCII).split("\r\n", -1)) {
            assertThat(line.length()).as(line).isLessThanOrEqualTo("7bit".equals(encoding) ? 998 : 76);
        }
        var parsed =
                new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(wire.toByteArray()));
        var readBack = ((MimeMultipart) parsed.getContent()).getBodyPart(0).getContent();
        assertThat(readBack)
                .isEqualTo(text.replace("\r\n", "\n").replace('\r', '\n').replace("\n", "\r\n"));
    }
}
