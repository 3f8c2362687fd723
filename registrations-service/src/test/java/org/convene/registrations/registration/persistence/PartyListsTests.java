package org.convene.registrations.registration.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bson.Document;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedgers.Queued;
import org.junit.jupiter.api.Test;

class PartyListsTests {

    @Test
    void partiesComeBackInOrderWithTheirSeats() {
        var parties = List.of(
                new Queued(new RegistrationId("0b7e7c9e-6d1f-4f7a-9a53-1c2d3e4f5a6b"), 3),
                new Queued(new RegistrationId("r-w1"), 1),
                new Queued(new RegistrationId("r-0w2"), 12));

        assertThat(PartyLists.decode(PartyLists.encode(parties))).containsExactlyElementsOf(parties);
        assertThat(PartyLists.encode(parties)).isEqualTo("0b7e7c9e-6d1f-4f7a-9a53-1c2d3e4f5a6b:3,r-w1:1,r-0w2:12");
    }

    @Test
    void aPartyWithAnInvitationKeepsIt() {
        var parties = List.of(
                new Queued(new RegistrationId("r-a"), 12, "k3v9q2m1ab"),
                new Queued(new RegistrationId("r-b"), 1),
                new Queued(new RegistrationId("r-c"), 2, "z0"));

        assertThat(PartyLists.encode(parties)).isEqualTo("r-a:12@k3v9q2m1ab,r-b:1,r-c:2@z0");
        assertThat(PartyLists.decode(PartyLists.encode(parties))).containsExactlyElementsOf(parties);
    }

    @Test
    void anEmptyListIsAnEmptyStringAndAMissingOneIsEmpty() {
        assertThat(PartyLists.encode(List.of())).isEmpty();
        assertThat(PartyLists.decode("")).isEmpty();
        assertThat(PartyLists.decode(null)).isEmpty();
    }

    @Test
    void ledgersWrittenAsArraysOfDocumentsAreReadToo() {
        var older = List.of(
                new Document("registrationId", "r-a").append("seats", 2),
                new Document("registrationId", "r-b").append("seats", 1));

        assertThat(PartyLists.decode(older))
                .containsExactly(new Queued(new RegistrationId("r-a"), 2), new Queued(new RegistrationId("r-b"), 1));
    }
}
