package org.convene.notifications.subscription.domain;

/** No subscriber holds this token (never issued, or erased). */
public class SubscriptionNotFound extends RuntimeException {
    public SubscriptionNotFound() {
        super("This link is not valid any more. If you erased your data, it is gone.");
    }
}
