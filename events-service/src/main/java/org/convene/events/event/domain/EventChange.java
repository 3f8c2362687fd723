package org.convene.events.event.domain;

import java.time.Instant;
import org.convene.contracts.events.EventMessageType;

/** A change other services must hear about, recorded by the aggregate and published through the outbox. */
public record EventChange(EventMessageType type, Instant occurredAt, long version) {}
