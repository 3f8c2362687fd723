package org.convene.events.event.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.convene.contracts.events.EventMessageType;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.Event;
import org.convene.events.event.domain.EventDetails;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.RegistrationWindow;
import org.convene.events.event.domain.Schedule;
import org.convene.events.event.domain.SupportOffered;
import org.convene.events.event.domain.Visibility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The producer's side of the contract: what this service publishes has exactly the documented sample's fields. */
class EventMessagesTests {

    private static final Path SAMPLES =
            Path.of("").toAbsolutePath().getParent().resolve("docs/messages/convene.events.v1");
    private static final Instant NOW = Instant.now();

    private final JsonMapper json = JsonMapper.builder().build();

    @ParameterizedTest
    @EnumSource(EventMessageType.class)
    void publishesTheFieldsOfTheDocumentedSample(EventMessageType type) throws IOException {
        var event = eventThatJust(type);
        var change = event.changes().getLast();
        assertThat(EventMessages.type(change.type())).isEqualTo(type);

        var published = json.readTree(json.writeValueAsString(EventMessages.announce(event, change)));
        var sample = json.readTree(Files.readString(SAMPLES.resolve(type.name() + ".json")));

        assertThat(fieldPaths(published)).isEqualTo(fieldPaths(sample));
        assertThat(published.get("type").asString()).isEqualTo(type.name());
        assertThat(published.get("aggregateVersion").asLong()).isEqualTo(event.version());
    }

    @org.junit.jupiter.api.Test
    void eachKindOfChangeIsPublishedUnderItsOwnMessageType() {
        assertThat(java.util.Arrays.stream(org.convene.events.event.domain.EventChangeType.values())
                        .map(EventMessages::type))
                .containsExactlyInAnyOrder(EventMessageType.values());
    }

    @org.junit.jupiter.api.Test
    void carriesTheInvitationsNotRevokedWithTheirCodesOnlyAsHashes() throws IOException {
        var event = eventThatJust(EventMessageType.EventPublished);
        var release = NOW.plus(Duration.ofDays(3));
        var rutland = event.invite("Rutland County Council", 10, release, NOW);
        var leeds = event.invite("Kirklees Youth Service", 2, null, NOW);
        event.revokeInvitation(leeds.id(), NOW);
        var message = EventMessages.announce(event, event.changes().getLast());

        assertThat(message.invitations())
                .containsExactly(new org.convene.contracts.events.EventMessage.Invitation(
                        rutland.id().value(),
                        "Rutland County Council",
                        org.convene.events.event.domain.InvitationCode.hash(rutland.code()),
                        10,
                        release));
        assertThat(message.invitations().getFirst().codeHash()).matches("[0-9a-f]{64}");
        var written = json.writeValueAsString(message);
        assertThat(written).doesNotContain(rutland.code(), leeds.code(), "Kirklees");
    }

    @org.junit.jupiter.api.Test
    void theHashIsTheLowerCaseHexSha256OfTheCode() {
        // echo -n abc | sha256sum
        assertThat(org.convene.events.event.domain.InvitationCode.hash("abc"))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private static Event eventThatJust(EventMessageType type) {
        var start = NOW.plus(Duration.ofDays(7));
        var venue = new Location.Venue(
                "Community Hall",
                "12 Market Street, Leeds",
                "LS1 6DT",
                Set.of(AccessibilityFeature.STEP_FREE_ACCESS),
                null,
                null);
        var details = new EventDetails(
                "Workshop",
                "Summary",
                "Description",
                EventFormat.WORKSHOP,
                Audience.YOUNG_PEOPLE,
                Set.of(),
                venue,
                new SupportOffered(java.util.List.of("BSL"), true, java.util.List.of(), false));
        var event = Event.draft(
                EventId.newId(),
                new OrganisationId("org"),
                details,
                new Schedule(start, start.plus(Duration.ofHours(2)), ZoneId.of("Europe/London")),
                RegistrationWindow.UNSET,
                20,
                2,
                12,
                Visibility.PUBLIC,
                NOW);
        event.publish(NOW);
        switch (type) {
            case EventPublished -> {}
            case EventUpdated ->
                event.edit(
                        new EventDetails(
                                "Renamed",
                                null,
                                null,
                                EventFormat.WORKSHOP,
                                Audience.YOUNG_PEOPLE,
                                Set.of(),
                                venue,
                                null),
                        event.schedule(),
                        event.window(),
                        event.capacity(),
                        1,
                        12,
                        Visibility.PUBLIC,
                        NOW);
            case EventRescheduled ->
                event.reschedule(
                        new Schedule(
                                start.plus(Duration.ofDays(1)),
                                start.plus(Duration.ofDays(1).plusHours(2)),
                                ZoneId.of("UTC")),
                        null,
                        NOW);
            case EventCapacityChanged -> event.changeCapacity(30, NOW);
            case EventCancelled -> event.cancel("Flooded", NOW);
            case EventCompleted -> event.complete(start.plus(Duration.ofHours(3)));
        }
        return event;
    }

    /** Every field path, objects descended into, so a missing or extra nested field shows too. */
    private static Set<String> fieldPaths(JsonNode node) {
        var paths = new TreeSet<String>();
        collect("", node, paths);
        return paths;
    }

    private static void collect(String prefix, JsonNode node, Set<String> paths) {
        if (!node.isObject()) {
            return;
        }
        for (Iterator<String> names = node.propertyNames().iterator(); names.hasNext(); ) {
            var name = names.next();
            paths.add(prefix + name);
            collect(prefix + name + ".", node.get(name), paths);
        }
    }
}
