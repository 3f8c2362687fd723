package org.convene.contracts.registrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The documented samples and the record agree field for field, in both directions. */
class RegistrationMessageSamplesTests {

    static final Path SAMPLES =
            Path.of("").toAbsolutePath().getParent().resolve("docs/messages/convene.registrations.v1");

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    static Stream<Path> samples() throws IOException {
        return Files.list(SAMPLES)
                .filter(path -> path.toString().endsWith(".json"))
                .sorted();
    }

    @Test
    void everyTypeHasASample() throws IOException {
        var names = samples()
                .map(path -> path.getFileName().toString().replace(".json", ""))
                .toList();
        assertThat(names)
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(RegistrationMessageType.values())
                        .map(Enum::name)
                        .toList());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void sampleReadsIntoTheRecordAndWritesBackUnchanged(Path sample) throws IOException {
        var original = json.readTree(Files.readString(sample));
        var message = json.readValue(Files.readString(sample), RegistrationMessage.class);

        assertThat(message.type().name())
                .isEqualTo(sample.getFileName().toString().replace(".json", ""));
        assertThat(message.messageId()).isNotNull();
        assertThat(message.aggregateVersion()).isPositive();
        assertThat(json.readTree(json.writeValueAsString(message))).isEqualTo(original);
    }
}
