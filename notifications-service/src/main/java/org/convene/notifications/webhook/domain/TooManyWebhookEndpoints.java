package org.convene.notifications.webhook.domain;

public class TooManyWebhookEndpoints extends RuntimeException {

    public TooManyWebhookEndpoints(int limit) {
        super("An organisation has at most " + limit + " webhook endpoints; remove one first.", null, false, false);
    }
}
