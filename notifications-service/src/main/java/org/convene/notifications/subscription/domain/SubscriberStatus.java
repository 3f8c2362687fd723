package org.convene.notifications.subscription.domain;

/** Only CONFIRMED addresses receive newsletters (double opt-in); UNSUBSCRIBED is final until they subscribe and confirm again. */
public enum SubscriberStatus {
    PENDING,
    CONFIRMED,
    UNSUBSCRIBED
}
