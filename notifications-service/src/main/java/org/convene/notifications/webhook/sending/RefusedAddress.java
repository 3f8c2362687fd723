package org.convene.notifications.webhook.sending;

import java.net.UnknownHostException;

/** A host that resolved to an address webhooks may not reach; says nothing of the address. */
public class RefusedAddress extends UnknownHostException {

    public RefusedAddress() {
        super("the host resolves to an address webhooks may not reach");
    }
}
