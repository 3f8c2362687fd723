package org.convene.events.request.domain;

/**
 * Where a request stands: new → in discussion → accepted → scheduled, or declined. Accepted lasts only
 * while its draft event is being made (ADR 14); scheduled and declined are closed, and the retention
 * period counts from then.
 */
public enum RequestStatus {
    NEW,
    IN_DISCUSSION,
    ACCEPTED,
    SCHEDULED,
    DECLINED;

    public boolean closed() {
        return this == SCHEDULED || this == DECLINED;
    }
}
