package org.convene.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.json.JsonMapper;

/** What every service's JSON reader refuses as the wrong type, instead of quietly converting it. */
class JsonStrictnessTests {

    record Request(String name, int count, boolean flag, java.time.Instant at, java.time.LocalDateTime local) {}

    private final JsonMapper mapper = mapper();

    @Test
    void aNumberOrABooleanWhereTextBelongsIsRefused() {
        assertThatThrownBy(() -> read("{\"name\":12345}")).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read("{\"name\":1.5}")).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read("{\"name\":true}")).isInstanceOf(DatabindException.class);
    }

    @Test
    void aFractionWhereAWholeNumberBelongsIsRefusedNotCut() {
        assertThatThrownBy(() -> read("{\"count\":1.5}")).isInstanceOf(DatabindException.class);
    }

    @Test
    void aNumberWhereATimeBelongsIsRefusedNotReadAsSecondsSince1970() {
        assertThatThrownBy(() -> read("{\"at\":12345}")).isInstanceOf(DatabindException.class);
        assertThatThrownBy(() -> read("{\"local\":12345}")).isInstanceOf(DatabindException.class);
    }

    @Test
    void theRightTypesAreReadAsBefore() {
        assertThat(read("{\"name\":\"Siân\",\"count\":7,\"flag\":true,\"at\":\"2027-02-10T10:00:00Z\","
                        + "\"local\":\"2027-02-10T10:00\"}"))
                .isEqualTo(new Request(
                        "Siân",
                        7,
                        true,
                        java.time.Instant.parse("2027-02-10T10:00:00Z"),
                        java.time.LocalDateTime.parse("2027-02-10T10:00")));
    }

    @Test
    void aFieldNamedTwiceIsRefused() {
        assertThatThrownBy(() -> read("{\"name\":\"a\",\"name\":\"b\"}")).isInstanceOf(RuntimeException.class);
    }

    private Request read(String json) {
        return mapper.readValue(json, Request.class);
    }

    private static JsonMapper mapper() {
        var configuration = new ServiceSupportAutoConfiguration();
        var builder = JsonMapper.builder();
        configuration.noScalarsAsText().customize(builder);
        configuration.rejectDuplicateJsonFields().customize(builder);
        return builder.build();
    }
}
