package org.convene.identity.account.persistence;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.convene.identity.account.domain.SignInAttempts;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Failed sign-ins in {@code sign_in_attempts}, keyed by the email's hash. Each failure is one atomic
 * update, so several instances of the service count together.
 */
@Repository
class MongoSignInAttempts implements SignInAttempts {

    static final String COLLECTION = "sign_in_attempts";

    private final MongoTemplate mongo;

    MongoSignInAttempts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Record> find(String emailKey) {
        return Optional.ofNullable(mongo.findById(emailKey, Document.class, COLLECTION))
                .map(MongoSignInAttempts::record);
    }

    @Override
    public Record recordFailure(String emailKey, Instant now, Instant resetBefore) {
        // A long quiet spell starts the count again: first try to count on from a recent failure...
        var recent = mongo.findAndModify(
                Query.query(
                        Criteria.where("_id").is(emailKey).and("lastFailureAt").gte(Date.from(resetBefore))),
                new Update().inc("failures", 1).set("lastFailureAt", Date.from(now)),
                FindAndModifyOptions.options().returnNew(true),
                Document.class,
                COLLECTION);
        if (recent != null) {
            return new Record(recent.getInteger("failures"), now, lockedUntil(recent));
        }
        // ...otherwise this is the first failure of a new spell (the lock, if any, has long passed).
        mongo.upsert(
                Query.query(Criteria.where("_id").is(emailKey)),
                new Update()
                        .set("failures", 1)
                        .set("lastFailureAt", Date.from(now))
                        .unset("lockedUntil"),
                COLLECTION);
        return new Record(1, now, null);
    }

    @Override
    public void lockUntil(String emailKey, Instant until) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(emailKey)),
                Update.update("lockedUntil", Date.from(until)),
                COLLECTION);
    }

    @Override
    public void clear(String emailKey) {
        mongo.remove(Query.query(Criteria.where("_id").is(emailKey)), COLLECTION);
    }

    private static Record record(Document document) {
        var last = document.getDate("lastFailureAt");
        return new Record(
                document.getInteger("failures", 0), last == null ? null : last.toInstant(), lockedUntil(document));
    }

    private static @Nullable Instant lockedUntil(Document document) {
        var until = document.getDate("lockedUntil");
        return until == null ? null : until.toInstant();
    }
}
