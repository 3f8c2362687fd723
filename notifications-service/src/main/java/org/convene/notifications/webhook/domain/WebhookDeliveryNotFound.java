package org.convene.notifications.webhook.domain;

public class WebhookDeliveryNotFound extends RuntimeException {

    public WebhookDeliveryNotFound() {
        super("There is no such delivery for this endpoint.", null, false, false);
    }
}
