package org.convene.registrations.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.contracts.support.SupportDigestMessageType;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.support.domain.SupportDigest;
import org.junit.jupiter.api.Test;

/** A support digest goes on the wire field for field, written once (version 1). */
class SupportDigestMessagesTests {

    @Test
    void everyFieldIsCarriedAsTheDomainWroteIt() {
        var id = UUID.fromString("00000000-0000-0000-0000-000000000002");
        var now = Instant.parse("2026-12-07T08:00:00Z");
        var startsAt = Instant.parse("2026-12-10T18:00:00Z");
        var arrangeBy = Instant.parse("2026-12-03T18:00:00Z");

        var message = SupportDigestMessages.of(new SupportDigest(
                id,
                now,
                "org-1",
                "2026-12-07",
                List.of(new SupportDigest.DueEvent(
                        new EventId("event-1"),
                        null,
                        startsAt,
                        "Europe/London",
                        arrangeBy,
                        List.of(new SupportDigest.Outstanding("INTERPRETER_BSL", 2))))));

        assertThat(message)
                .isEqualTo(new SupportDigestMessage(
                        id,
                        SupportDigestMessageType.SupportOutstanding,
                        now,
                        "org-1",
                        1,
                        "2026-12-07",
                        List.of(new SupportDigestMessage.Event(
                                "event-1",
                                null,
                                startsAt,
                                "Europe/London",
                                arrangeBy,
                                List.of(new SupportDigestMessage.Outstanding("INTERPRETER_BSL", 2))))));
    }
}
