package org.convene.notifications.webhook.domain;

/** A URL that may not be an endpoint; the message is for the organiser and names no address. */
public class WebhookUrlRefused extends RuntimeException {

    public WebhookUrlRefused(String reason) {
        super(reason, null, false, false);
    }
}
