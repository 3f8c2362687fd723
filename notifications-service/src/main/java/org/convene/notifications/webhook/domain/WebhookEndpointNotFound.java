package org.convene.notifications.webhook.domain;

public class WebhookEndpointNotFound extends RuntimeException {

    public WebhookEndpointNotFound() {
        super("There is no such webhook endpoint in your organisation.", null, false, false);
    }
}
