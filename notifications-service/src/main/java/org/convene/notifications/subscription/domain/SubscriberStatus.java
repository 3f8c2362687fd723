package org.convene.notifications.subscription.domain;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

/**
 * The states of double opt-in (invariant 4, docs/invariants.md); {@link Subscriber} decides each step.
 * Subscribing makes an address {@code PENDING}: it is asked to confirm, and asked again only after a pause. Confirming makes
 * it {@code CONFIRMED}, and only confirmed addresses receive newsletters. Unsubscribing, one click from
 * any email, makes it {@code UNSUBSCRIBED}, and that is final for the address as it was: who subscribes
 * again starts over as {@code PENDING} with a new token, so the links in old emails stay dead.
 *
 * <p>{@link #from} names the states each one may be reached from.
 */
public enum SubscriberStatus {
    PENDING,
    CONFIRMED,
    UNSUBSCRIBED;

    /** The states this one may become. */
    public Set<SubscriberStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(PENDING, CONFIRMED, UNSUBSCRIBED);
            case CONFIRMED -> EnumSet.of(UNSUBSCRIBED);
            case UNSUBSCRIBED -> EnumSet.of(PENDING);
        };
    }

    public boolean canBecome(SubscriberStatus status) {
        return next().contains(status);
    }

    /** The states from which an address may become {@code status}: the condition of that change's update. */
    public static Set<SubscriberStatus> from(SubscriberStatus status) {
        var from = EnumSet.noneOf(SubscriberStatus.class);
        Arrays.stream(values()).filter(state -> state.canBecome(status)).forEach(from::add);
        return from;
    }

    public boolean receivesNewsletters() {
        return this == CONFIRMED;
    }
}
