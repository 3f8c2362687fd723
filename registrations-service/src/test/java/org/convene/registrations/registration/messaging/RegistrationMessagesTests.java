package org.convene.registrations.registration.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.domain.RegistrationChange;
import org.convene.registrations.registration.domain.RegistrationId;
import org.junit.jupiter.api.Test;

/** A registration's change goes on the wire field for field, as the domain wrote it. */
class RegistrationMessagesTests {

    private static RegistrationChange change(RegistrationChange.Type type, RegistrationChange.Standing standing) {
        return new RegistrationChange(
                UUID.fromString("00000000-0000-0000-0000-000000000001"),
                type,
                Instant.parse("2026-12-07T10:00:00Z"),
                new EventId("event-1"),
                new RegistrationId("registration-1"),
                3,
                standing,
                "Ada Lovelace",
                "ada@example.org",
                4,
                List.of("CARER"),
                2,
                "token",
                List.of("INTERPRETER_BSL"),
                List.of(
                        new RegistrationChange.Member("Young One", "young@example.org", Boolean.TRUE),
                        new RegistrationChange.Member("Young Two", null, null)),
                List.of(new RegistrationChange.Arranged("INTERPRETER_BSL", "At the front")),
                "cy",
                true,
                "code");
    }

    @Test
    void everyFieldIsCarriedAsTheDomainWroteIt() {
        var message = RegistrationMessages.of(
                change(RegistrationChange.Type.WAITLISTED, RegistrationChange.Standing.WAITLISTED));

        assertThat(message)
                .isEqualTo(new RegistrationMessage(
                        UUID.fromString("00000000-0000-0000-0000-000000000001"),
                        RegistrationMessageType.RegistrationWaitlisted,
                        Instant.parse("2026-12-07T10:00:00Z"),
                        "event-1",
                        "registration-1",
                        3,
                        RegistrationMessage.Status.WAITLISTED,
                        "Ada Lovelace",
                        "ada@example.org",
                        4,
                        List.of("CARER"),
                        2,
                        "token",
                        List.of("INTERPRETER_BSL"),
                        List.of(
                                new RegistrationMessage.GroupMember("Young One", "young@example.org", Boolean.TRUE),
                                new RegistrationMessage.GroupMember("Young Two", null, null)),
                        List.of(new RegistrationMessage.Arranged("INTERPRETER_BSL", "At the front")),
                        "cy",
                        Boolean.TRUE,
                        "code"));
    }

    @Test
    void eachKindOfChangeHasTheWireTypeOfTheSameName() {
        assertThat(Arrays.stream(RegistrationChange.Type.values()).map(RegistrationMessages::type))
                .containsExactly(
                        RegistrationMessageType.RegistrationConfirmed,
                        RegistrationMessageType.RegistrationWaitlisted,
                        RegistrationMessageType.RegistrationPromoted,
                        RegistrationMessageType.RegistrationCancelled,
                        RegistrationMessageType.SupportNeedsRequested,
                        RegistrationMessageType.AttendeeCheckedIn,
                        RegistrationMessageType.GroupMemberRemoved,
                        RegistrationMessageType.GroupMemberErased,
                        RegistrationMessageType.SupportArranged,
                        RegistrationMessageType.ReadingPreferencesChanged);
    }

    @Test
    void whereARegistrationStandsIsTheWireStatusOfTheSameName() {
        for (var standing : RegistrationChange.Standing.values()) {
            assertThat(RegistrationMessages.of(change(RegistrationChange.Type.CANCELLED, standing))
                            .status()
                            .name())
                    .isEqualTo(standing.name());
        }
    }
}
