package org.convene.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import org.convene.contracts.events.EventMessage;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.organisations.OrganisationMessage;
import org.convene.contracts.organisations.OrganisationMessageType;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.contracts.requests.BookingRequestMessageType;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.contracts.support.SupportDigestMessageType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** For every topic, the documented samples and the record agree field for field, in both directions. */
class MessageSamplesTests {

    static final Path DOCS = Path.of("").toAbsolutePath().getParent().resolve("docs/messages");

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record TopicContract(String topic, Class<?> record, Class<? extends Enum<?>> types) {
        @Override
        public String toString() {
            return topic;
        }
    }

    static Stream<TopicContract> topics() {
        return Stream.of(
                new TopicContract(Topics.EVENTS, EventMessage.class, EventMessageType.class),
                new TopicContract(Topics.REGISTRATIONS, RegistrationMessage.class, RegistrationMessageType.class),
                new TopicContract(Topics.ORGANISATIONS, OrganisationMessage.class, OrganisationMessageType.class),
                new TopicContract(Topics.REQUESTS, BookingRequestMessage.class, BookingRequestMessageType.class),
                new TopicContract(Topics.SUPPORT, SupportDigestMessage.class, SupportDigestMessageType.class));
    }

    static Stream<Arguments> samples() throws IOException {
        return topics().flatMap(contract -> {
            try (var files = Files.list(DOCS.resolve(contract.topic()))) {
                return files
                        .filter(path -> path.toString().endsWith(".json"))
                        .sorted()
                        .map(path -> Arguments.of(contract, path))
                        .toList()
                        .stream();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("topics")
    void everyTypeHasASample(TopicContract contract) throws IOException {
        try (var files = Files.list(DOCS.resolve(contract.topic()))) {
            var names = files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json"))
                    .map(name -> name.replace(".json", ""))
                    .toList();
            assertThat(names)
                    .containsExactlyInAnyOrderElementsOf(
                            Arrays.stream(contract.types().getEnumConstants())
                                    .map(Enum::name)
                                    .toList());
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void sampleReadsIntoTheRecordAndWritesBackUnchanged(TopicContract contract, Path sample) throws IOException {
        var original = json.readTree(Files.readString(sample));
        var message = json.readValue(Files.readString(sample), contract.record());

        assertThat(json.readTree(json.writeValueAsString(message))).isEqualTo(original);
        assertThat(original.get("type").asString())
                .isEqualTo(sample.getFileName().toString().replace(".json", ""));
        assertThat(original.get("messageId").asString()).isNotBlank();
        assertThat(original.get("aggregateVersion").asLong()).isPositive();
    }
}
