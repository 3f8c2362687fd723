package org.convene.support.web;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.util.MimeType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request bodies are JSON in UTF-8 and nothing else (RFC 8259 §8.1). The JSON parser is lenient with bytes that are
 * not UTF-8: it reads the overlong {@code C0 AF} as {@code /}, so a name could pass every text rule and still not be
 * what the bytes say; and it guesses the encoding from the bytes, whatever charset the request declares. Both are
 * ways for two readers of one request to disagree. Here, a body that is not well-formed UTF-8 is unreadable (400, like
 * any other malformed JSON), and a JSON body declared in another charset is not one this service reads (415).
 */
public class Utf8JsonDecoder extends JacksonJsonDecoder {

    public Utf8JsonDecoder(JsonMapper mapper) {
        super(mapper);
    }

    @Override
    public boolean canDecode(ResolvableType elementType, @Nullable MimeType mimeType) {
        return super.canDecode(elementType, mimeType)
                && (mimeType == null
                        || mimeType.getCharset() == null
                        || StandardCharsets.UTF_8.equals(mimeType.getCharset()));
    }

    @Override
    public Object decode(
            DataBuffer dataBuffer,
            ResolvableType targetType,
            @Nullable MimeType mimeType,
            @Nullable Map<String, Object> hints) {
        var bytes = new byte[dataBuffer.readableByteCount()];
        dataBuffer.toByteBuffer(dataBuffer.readPosition(), ByteBuffer.wrap(bytes), 0, bytes.length);
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException notUtf8) {
            org.springframework.core.io.buffer.DataBufferUtils.release(dataBuffer);
            throw new DecodingException("The body is not UTF-8");
        }
        return super.decode(dataBuffer, targetType, mimeType, hints);
    }
}
