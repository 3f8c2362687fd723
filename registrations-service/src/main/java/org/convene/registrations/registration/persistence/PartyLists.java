package org.convene.registrations.registration.persistence;

import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.convene.registrations.registration.domain.RegistrationId;
import org.convene.registrations.registration.domain.SeatLedgers.Queued;
import org.jspecify.annotations.Nullable;

/**
 * The ledger's holders and queue as one string each: {@code <registration id>:<seats>} entries,
 * followed by {@code @<invitation id>} for a party with an invitation (ADR 13), separated by {@code ,}. A ledger is rewritten on every decision, and a store copies, sizes and
 * serialises a document per element: thousands of sub-documents made each write cost milliseconds
 * on the embedded store (9 ms with 6,000 holders, 0.75 ms as one string; docs/benchmarks.md), and
 * a large document on real MongoDB too. Registration ids are UUIDs, so neither separator occurs in
 * them, and invitation ids are base 36.
 *
 * <p>Ledgers written before (arrays of {@code {registrationId, seats}}) are read as well; the next
 * write of the ledger stores the string.
 */
public final class PartyLists {

    private static final char BETWEEN = ',';
    private static final char SEATS = ':';
    private static final char INVITATION = '@';

    private PartyLists() {}

    public static String encode(List<Queued> parties) {
        var text = new StringBuilder(parties.size() * 40);
        for (var party : parties) {
            if (!text.isEmpty()) {
                text.append(BETWEEN);
            }
            text.append(party.registration().value()).append(SEATS).append(party.seats());
            if (party.invitation() != null) {
                text.append(INVITATION).append(party.invitation());
            }
        }
        return text.toString();
    }

    /** The parties of a stored list, in order: the string, the older array, or nothing. */
    public static List<Queued> decode(@Nullable Object stored) {
        if (stored instanceof String text) {
            return decode(text);
        }
        if (stored instanceof List<?> documents) {
            var parties = new ArrayList<Queued>(documents.size());
            for (var each : documents) {
                var document = (Document) each;
                parties.add(new Queued(
                        new RegistrationId(document.getString("registrationId")), document.getInteger("seats")));
            }
            return parties;
        }
        return List.of();
    }

    private static List<Queued> decode(String text) {
        var parties = new ArrayList<Queued>();
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf(BETWEEN, start);
            if (end < 0) {
                end = text.length();
            }
            int seats = text.lastIndexOf(SEATS, end - 1);
            int seatsEnd = seats + 1;
            while (seatsEnd < end && text.charAt(seatsEnd) != INVITATION) {
                seatsEnd++;
            }
            parties.add(new Queued(
                    new RegistrationId(text.substring(start, seats)),
                    Integer.parseInt(text, seats + 1, seatsEnd, 10),
                    seatsEnd == end ? null : text.substring(seatsEnd + 1, end)));
            start = end + 1;
        }
        return parties;
    }
}
