package org.convene.notifications.subscription.domain;

/** Someone stored the subscriber since it was read (optimistic concurrency): read it again and decide again. */
public class SubscriberChanged extends RuntimeException {
    public SubscriberChanged(String id, long version) {
        super("subscriber " + id + " is no longer at version " + version);
    }
}
