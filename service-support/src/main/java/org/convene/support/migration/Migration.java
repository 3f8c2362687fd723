package org.convene.support.migration;

import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import reactor.core.publisher.Mono;

/**
 * One versioned change to a service's stored documents, run once per database at start-up by
 * {@link Migrations}, in the order of the ids. It must be idempotent: a crash after it changed some
 * documents and before it was recorded runs it again, and live traffic of other instances may be
 * writing meanwhile, so each change is conditional on what it expects to find.
 */
public interface Migration {

    /** Sortable and never changed once released, e.g. {@code 2026-12-06-ledger-queue}. */
    String id();

    /** What it does, for the log and the record. */
    String description();

    Mono<Void> apply(ReactiveMongoTemplate mongo);
}
