package org.convene.support.web;

import java.time.temporal.Temporal;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Times in requests are ISO 8601 text. Jackson reads a bare number as seconds since 1970 for an {@code Instant} (and
 * its offset and zoned kin) whatever the coercion settings say, so {@code "sendAt": 12345} scheduled a newsletter for
 * 1970, which is to say at once. Here a number where a time belongs is the wrong type, refused like any other.
 */
public final class TimesAreText {

    private TimesAreText() {}

    public static SimpleModule module() {
        return new SimpleModule("convene-times-are-text").setDeserializerModifier(new ValueDeserializerModifier() {
            @Override
            public ValueDeserializer<?> modifyDeserializer(
                    DeserializationConfig config,
                    BeanDescription.Supplier description,
                    ValueDeserializer<?> deserializer) {
                return Temporal.class.isAssignableFrom(description.getBeanClass())
                        ? new NotANumber(deserializer)
                        : deserializer;
            }
        });
    }

    private static final class NotANumber extends DelegatingDeserializer {

        NotANumber(ValueDeserializer<?> delegatee) {
            super(delegatee);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegatee) {
            return new NotANumber(delegatee);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws JacksonException {
            if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
                return context.handleUnexpectedToken(handledType(), parser);
            }
            return super.deserialize(parser, context);
        }
    }
}
