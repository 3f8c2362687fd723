package org.convene.notifications.subscription.domain;

public class UnknownOrganisation extends RuntimeException {
    public UnknownOrganisation() {
        super("There is no organisation with this id.");
    }
}
