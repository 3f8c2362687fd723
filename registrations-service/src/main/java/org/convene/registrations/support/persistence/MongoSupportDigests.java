package org.convene.registrations.support.persistence;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.support.domain.SupportDigest;
import org.convene.registrations.support.domain.SupportDigestStore;
import org.convene.registrations.support.messaging.SupportDigestMessages;
import org.convene.support.outbox.OutboxWakeUps;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Each organisation's digest of a day is one document, {@code _id = organisationId|date}, inserted with the
 * digest's message in its {@code outbox} (ADR 2): the key makes the claim, so two instances (or two rounds)
 * never both publish a day's digest; the service's outbox relay publishes it on {@code convene.support.v1}
 * and removes it from the outbox. The claim, the check and the wake-up are by {@code _id} (ADR 1). The
 * events come from the seat ledgers, which keep what events-service last announced.
 */
@Repository
class MongoSupportDigests implements SupportDigestStore {

    static final String COLLECTION = "support_digests";

    private static final String LEDGERS = "seat_ledgers";

    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    record DigestDocument(
            @Id String id, String organisationId, String date, Instant claimedAt, List<SupportDigestMessage> outbox) {}

    private final ReactiveMongoTemplate mongo;
    private final OutboxWakeUps wakeUps;

    MongoSupportDigests(ReactiveMongoTemplate mongo, OutboxWakeUps wakeUps) {
        this.mongo = mongo;
        this.wakeUps = wakeUps;
    }

    static String id(String organisationId, String date) {
        return organisationId + "|" + date;
    }

    @Override
    public Flux<UpcomingEvent> upcoming(Instant after, Instant until) {
        // Events not over yet (the ledger's own end), narrowed to their starts here: older ledgers keep the
        // start in their summary only. Never the ledger's lists of holders and queue.
        var published = query(where("status").is("PUBLISHED").and("endsAt").gt(after));
        published.fields().include("_id", "organisationId", "startsAt", "summary");
        return mongo.find(published, Document.class, LEDGERS).mapNotNull(ledger -> {
            var summary = ledger.get("summary", Document.class);
            var startsAt = instant(ledger.get("startsAt"));
            if (startsAt == null && summary != null) {
                startsAt = instant(summary.get("startsAt"));
            }
            if (startsAt == null || !startsAt.isAfter(after) || startsAt.isAfter(until)) {
                return null;
            }
            return new UpcomingEvent(
                    new EventId(ledger.getString("_id")),
                    ledger.getString("organisationId"),
                    summary == null ? null : summary.getString("title"),
                    startsAt,
                    summary == null || summary.getString("timeZone") == null ? "UTC" : summary.getString("timeZone"));
        });
    }

    private static @Nullable Instant instant(@Nullable Object value) {
        return value instanceof Date date ? date.toInstant() : null;
    }

    @Override
    public Mono<Boolean> claimed(String organisationId, String date) {
        return mongo.exists(query(where("_id").is(id(organisationId, date))), COLLECTION);
    }

    @Override
    public Mono<Boolean> claim(SupportDigest digest) {
        var id = id(digest.organisationId(), digest.date());
        return mongo.insert(
                        new DigestDocument(
                                id,
                                digest.organisationId(),
                                digest.date(),
                                digest.occurredAt(),
                                List.of(SupportDigestMessages.of(digest))),
                        COLLECTION)
                .doOnSuccess(inserted -> wakeUps.written(COLLECTION, id))
                .thenReturn(true)
                .onErrorResume(DuplicateKeyException.class, taken -> Mono.just(false));
    }

    @Override
    public Mono<Void> forgetBefore(String date) {
        return mongo.remove(query(where("date").lt(date).and("outbox.0").exists(false)), COLLECTION)
                .then();
    }
}
