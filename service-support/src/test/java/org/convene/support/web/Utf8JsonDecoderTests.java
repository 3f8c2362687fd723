package org.convene.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/** Bodies are read only when they are the UTF-8 they must be (the JSON parser alone reads C0 AF as "/"). */
class Utf8JsonDecoderTests {

    record Person(String name) {}

    private final Utf8JsonDecoder decoder =
            new Utf8JsonDecoder(JsonMapper.builder().build());

    @Test
    void wellFormedUtf8IsReadWhateverTheScript() {
        var person = decode("{\"name\":\"Siân Ní Bhriain 李小龍 👩‍👧\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(person.name()).isEqualTo("Siân Ní Bhriain 李小龍 👩‍👧");
    }

    @Test
    void overlongSurrogateAndTruncatedSequencesAreRefusedNotReadAsOtherCharacters() {
        for (var bad : new byte[][] {
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xFF}
        }) {
            var body = new java.io.ByteArrayOutputStream();
            body.writeBytes("{\"name\":\"a".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(bad);
            body.writeBytes("b\"}".getBytes(StandardCharsets.US_ASCII));

            assertThatThrownBy(() -> decode(body.toByteArray())).isInstanceOf(DecodingException.class);
        }
    }

    @Test
    void jsonDeclaredInAnotherCharsetIsNotReadButUtf8OrNoCharsetIs() {
        var person = ResolvableType.forClass(Person.class);

        assertThat(decoder.canDecode(person, MimeType.valueOf("application/json")))
                .isTrue();
        assertThat(decoder.canDecode(person, MimeType.valueOf("application/json;charset=UTF-8")))
                .isTrue();
        assertThat(decoder.canDecode(person, MimeType.valueOf("application/json;charset=UTF-16")))
                .isFalse();
        assertThat(decoder.canDecode(person, MimeType.valueOf("application/json;charset=ISO-8859-1")))
                .isFalse();
    }

    private Person decode(byte[] bytes) {
        return (Person) decoder.decode(
                DefaultDataBufferFactory.sharedInstance.wrap(bytes),
                ResolvableType.forClass(Person.class),
                MimeType.valueOf("application/json"),
                Map.of());
    }
}
