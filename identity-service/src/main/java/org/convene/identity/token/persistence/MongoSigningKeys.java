package org.convene.identity.token.persistence;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.text.ParseException;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The key that signs every token, kept in the service's database so tokens stay valid across
 * restarts and every instance signs with the same key. The first instance to start generates it;
 * one that loses the race reads the winner's. Rotation is not automated yet (ADR 7).
 */
public final class MongoSigningKeys {

    static final String COLLECTION = "signing_keys";
    private static final String CURRENT = "current";

    private MongoSigningKeys() {}

    public static RSAKey current(MongoTemplate mongo) {
        var stored = mongo.findById(CURRENT, Document.class, COLLECTION);
        if (stored == null) {
            try {
                var key = new RSAKeyGenerator(2048)
                        .keyID(UUID.randomUUID().toString())
                        .issueTime(new Date())
                        .generate();
                mongo.insert(new Document("_id", CURRENT).append("jwk", key.toJSONString()), COLLECTION);
                return key;
            } catch (DuplicateKeyException anotherInstanceWasFirst) {
                stored = mongo.findById(CURRENT, Document.class, COLLECTION);
            } catch (JOSEException e) {
                throw new IllegalStateException("Cannot generate a signing key", e);
            }
        }
        try {
            // Another instance stored the key first (the duplicate key said so), so it is there to read.
            return RSAKey.parse(Objects.requireNonNull(stored, "signing key").getString("jwk"));
        } catch (ParseException e) {
            throw new IllegalStateException("The stored signing key cannot be read", e);
        }
    }
}
