package org.convene.notifications.newsletter.domain;

public class NoAddressForTest extends RuntimeException {
    public NoAddressForTest() {
        super("Your sign-in does not carry an email address, so there is nowhere to send the test.");
    }
}
