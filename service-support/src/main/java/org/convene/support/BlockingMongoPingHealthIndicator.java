package org.convene.support;

import org.bson.Document;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The same {@code ping} check as {@link MongoPingHealthIndicator}, for a service on the synchronous
 * driver (identity-service, a servlet application; ADR 7).
 */
public class BlockingMongoPingHealthIndicator extends AbstractHealthIndicator {

    private final MongoTemplate mongo;

    public BlockingMongoPingHealthIndicator(MongoTemplate mongo) {
        super("MongoDB ping failed");
        this.mongo = mongo;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        mongo.executeCommand(new Document("ping", 1));
        builder.up();
    }
}
