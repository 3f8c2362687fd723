package org.convene.notifications.subscription.domain;

/** The subscriber left; an old confirmation link does not bring them back. */
public class SubscriptionEnded extends RuntimeException {
    public SubscriptionEnded() {
        super("You unsubscribed from this newsletter. To join again, subscribe and confirm again.");
    }
}
