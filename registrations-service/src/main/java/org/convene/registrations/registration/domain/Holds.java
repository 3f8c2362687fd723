package org.convene.registrations.registration.domain;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * THE ALLOCATION RULE (ADR 13): places an organiser holds for a partner's invitation, inside the
 * event's capacity. Until their release, the places an invitation holds and has not used are kept
 * from everyone else; a party with that invitation takes from them first, and only as many as are
 * held. What a party took from a hold counts against that hold until the party gives it back, so a
 * partner's seats never exceed what is held for it; seats taken from general sale count against
 * the capacity only.
 */
public final class Holds {

    private final Map<String, Invitation> holding = new HashMap<>();
    private final Map<String, Integer> used;

    /**
     * @param invitations the event's invitations as last announced
     * @param used seats taken from each invitation's hold, by invitation id
     * @param now the time the decision is made at: a hold past its release holds nothing
     */
    public Holds(List<Invitation> invitations, Map<String, Integer> used, Instant now) {
        invitations.stream()
                .filter(invitation -> invitation.holdsAt(now))
                .forEach(invitation -> holding.put(invitation.id(), invitation));
        this.used = new HashMap<>(used);
    }

    public static Holds none() {
        return new Holds(List.of(), Map.of(), Instant.EPOCH);
    }

    /** Places held for the invitation and not used yet; 0 without one, or once released. */
    public int unusedFor(@Nullable String invitation) {
        var held = invitation == null ? null : holding.get(invitation);
        return held == null ? 0 : Math.max(0, held.seatsHeld() - used.getOrDefault(invitation, 0));
    }

    /** Places held for all invitations and not used yet, kept from general sale. */
    public int unused() {
        int unused = 0;
        for (var invitation : holding.keySet()) {
            unused += unusedFor(invitation);
        }
        return unused;
    }

    /** The seats a party with this invitation (or none) can take now, of the {@code seatsLeft}. */
    public int available(@Nullable String invitation, int seatsLeft) {
        return Math.max(Math.min(unusedFor(invitation), seatsLeft), generalSale(seatsLeft));
    }

    /** The seats left that no hold keeps. */
    public int generalSale(int seatsLeft) {
        return Math.max(0, seatsLeft - unused());
    }

    /**
     * Where a party of {@code seats} with this invitation takes its seats from: the invitation's id
     * when its hold has room for the whole party, {@link Source#GENERAL} when general sale has, or
     * null when neither has. A party is never split between the two.
     */
    public @Nullable Source sourceFor(@Nullable String invitation, int seats, int seatsLeft) {
        if (seats <= Math.min(unusedFor(invitation), seatsLeft)) {
            return new Source(invitation);
        }
        return seats <= generalSale(seatsLeft) ? Source.GENERAL : null;
    }

    /** Whether the invitation currently holds places. */
    public boolean holdsFor(@Nullable String invitation) {
        return invitation != null && holding.containsKey(invitation);
    }

    void took(Source source, int seats) {
        if (source.invitation() != null) {
            used.merge(source.invitation(), seats, Integer::sum);
        }
    }

    void gaveBack(Source source, int seats) {
        if (source.invitation() != null) {
            used.merge(source.invitation(), -seats, Integer::sum);
        }
    }

    /** Seats taken from each invitation's hold, as they stand after the decisions made. */
    public Map<String, Integer> used() {
        var nonZero = new HashMap<String, Integer>();
        used.forEach((invitation, seats) -> {
            if (seats > 0) {
                nonZero.put(invitation, seats);
            }
        });
        return nonZero;
    }

    /** Where a holder's seats came from: an invitation's hold, or general sale ({@code invitation} null). */
    public record Source(@Nullable String invitation) {
        public static final Source GENERAL = new Source(null);
    }
}
