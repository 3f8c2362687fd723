package org.convene.events.event.domain;

import java.time.Instant;

/** A change other services must hear about, recorded by the aggregate and published through the outbox. */
public record EventChange(EventChangeType type, Instant occurredAt, long version) {}
