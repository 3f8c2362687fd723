package org.convene.events.request.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.convene.contracts.requests.BookingRequestMessageType;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.request.domain.BookingRequest;
import org.convene.events.request.domain.BookingRequestId;
import org.convene.events.request.domain.RequestAudience;
import org.convene.events.request.domain.RequestDetails;
import org.convene.events.request.domain.RequestKind;
import org.convene.events.request.domain.Requester;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The producer's side of convene.requests.v1: what this service publishes has exactly the sample's fields. */
class RequestMessagesTests {

    private static final Path SAMPLES =
            Path.of("").toAbsolutePath().getParent().resolve("docs/messages/convene.requests.v1");
    private static final Instant NOW = Instant.now();

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(BookingRequestMessageType.class)
    void publishesTheFieldsOfTheDocumentedSample(BookingRequestMessageType type) throws IOException {
        var request = requestThatJust(type);
        var change = request.changes().getLast();
        assertThat(RequestMessages.type(change.type())).isEqualTo(type);

        var published = json.readTree(json.writeValueAsString(RequestMessages.announce(request, change)));
        var sample = json.readTree(Files.readString(SAMPLES.resolve(type.name() + ".json")));

        assertThat(fieldPaths(published)).isEqualTo(fieldPaths(sample));
        assertThat(published.get("type").asString()).isEqualTo(type.name());
        assertThat(published.get("aggregateVersion").asLong()).isEqualTo(request.version());
    }

    @Test
    void eachKindOfChangeIsPublishedUnderItsOwnMessageType() {
        assertThat(java.util.Arrays.stream(org.convene.events.request.domain.RequestChangeType.values())
                        .map(RequestMessages::type))
                .containsExactlyInAnyOrder(BookingRequestMessageType.values());
    }

    @Test
    void anErasureCarriesNobodysNameOrAddress() {
        var request = requestThatJust(BookingRequestMessageType.BookingRequestErased);
        var message = RequestMessages.announce(request, request.changes().getLast());
        assertThat(message.contactName()).isNull();
        assertThat(message.contactEmail()).isNull();
        assertThat(json.writeValueAsString(message)).doesNotContain("sam@rutland.example", "Sam Patel");
    }

    @Test
    void aReplyCarriesItsTextAndWhoToSendItTo() {
        var request = requestThatJust(BookingRequestMessageType.BookingRequestReplied);
        var message = RequestMessages.announce(request, request.changes().getLast());
        assertThat(message.replyText()).isEqualTo("Yes, we can.");
        assertThat(message.contactEmail()).isEqualTo("sam@rutland.example");
        assertThat(message.requestId()).isEqualTo(request.id().value());
    }

    private static BookingRequest requestThatJust(BookingRequestMessageType type) {
        var request = BookingRequest.receive(
                BookingRequestId.newId(),
                new OrganisationId("voices-of-care"),
                new RequestDetails(
                        RequestKind.KEYNOTE,
                        new Requester("Rutland County Council", "Sam Patel", "sam@rutland.example", null),
                        List.of(LocalDate.now().plusDays(30)),
                        false,
                        "Oakham",
                        false,
                        40,
                        RequestAudience.PROFESSIONALS,
                        Set.of(),
                        null,
                        List.of(),
                        "Could you speak?"),
                NOW);
        switch (type) {
            case BookingRequestReceived -> {}
            case BookingRequestReplied -> request.reply("Yes, we can.", "o", NOW);
            case BookingRequestStatusChanged -> {
                request.accept(new EventId("e-1"), "o", NOW);
                request.scheduled("o", NOW);
            }
            case BookingRequestErased -> request.erase(null, NOW);
        }
        return request;
    }

    private static Set<String> fieldPaths(JsonNode node) {
        var paths = new TreeSet<String>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, Set<String> paths) {
        if (node.isObject()) {
            Iterator<String> names = node.propertyNames().iterator();
            while (names.hasNext()) {
                var name = names.next();
                var path = prefix.isEmpty() ? name : prefix + "." + name;
                paths.add(path);
                collect(path, node.get(name), paths);
            }
        }
    }
}
