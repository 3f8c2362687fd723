package org.convene.notifications.subscription.domain;

/**
 * What {@link Subscriber}'s rules answered: a new state to store, nothing to store because a repeat changes
 * nothing, or a refusal and why.
 */
public sealed interface SubscriberChange {

    /** The subscriber as it is afterwards, or as it stays. */
    Subscriber subscriber();

    /**
     * Store this state (its version one more than the one it was decided from); for {@link Subscriber#erase},
     * remove this subscriber.
     */
    record Changed(Subscriber subscriber) implements SubscriberChange {}

    /** Already so: nothing to store, the same answer as the first time. */
    record Unchanged(Subscriber subscriber) implements SubscriberChange {}

    record Refused(Subscriber subscriber, Refusal why) implements SubscriberChange {}

    enum Refusal {
        /** Not the subscriber's token: the link is treated as unknown. */
        WRONG_TOKEN,
        /** Confirmed addresses are not asked to confirm again. */
        CONFIRMED_ALREADY,
        /** Asked within the pause; asked again after it. */
        ASKED_RECENTLY,
        /** They left; an old link does not bring them back. */
        ENDED
    }
}
