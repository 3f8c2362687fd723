package org.convene.journeys;

import com.mongodb.client.MongoClients;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.RawBsonDocument;

/**
 * A fingerprint of every document of every collection of every service's database in the store: one digest per
 * collection ({@code database.collection}), over the digests of its documents' exact bytes, sorted, so the order the
 * store returns them in does not matter but any change to any field of any document does. No collection is left
 * out but one: at rest nothing else in the store moves (migration locks are released, outbox leases cleared), and
 * the suite waits for stillness before its first fingerprint, failing if the store never settles. The one is
 * notifications-service's sender heartbeats ({@code delivery_senders}, ADR 9): written every two seconds by design,
 * reachable by no request.
 */
final class StoreFingerprint {

    /** The store's own databases, not a service's. */
    private static final List<String> NOT_A_SERVICE = List.of("admin", "config", "local");

    /** Liveness bookkeeping that moves by itself, whatever requests come. */
    private static final List<String> HEARTBEATS = List.of("convene-notifications.delivery_senders");

    private StoreFingerprint() {}

    static Map<String, String> of(String uri) {
        var fingerprint = new TreeMap<String, String>();
        try (var client = MongoClients.create(uri)) {
            for (var database : client.listDatabaseNames()) {
                if (NOT_A_SERVICE.contains(database)) {
                    continue;
                }
                var db = client.getDatabase(database);
                for (var collection : db.listCollectionNames()) {
                    if (HEARTBEATS.contains(database + "." + collection)) {
                        continue;
                    }
                    var digests = new ArrayList<String>();
                    for (var document :
                            db.getCollection(collection, RawBsonDocument.class).find()) {
                        var buffer = document.getByteBuffer();
                        var bytes = new byte[buffer.remaining()];
                        buffer.get(bytes);
                        digests.add(sha256(bytes));
                    }
                    digests.sort(null);
                    fingerprint.put(
                            database + "." + collection,
                            digests.size() + " documents, "
                                    + sha256(String.join(",", digests)
                                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                }
            }
        }
        return fingerprint;
    }

    /** What differs between two fingerprints, one line per collection, for a readable failure. */
    static List<String> differences(Map<String, String> before, Map<String, String> after) {
        var keys = new java.util.TreeSet<String>();
        keys.addAll(before.keySet());
        keys.addAll(after.keySet());
        var differences = new ArrayList<String>();
        for (var key : keys) {
            if (!java.util.Objects.equals(before.get(key), after.get(key))) {
                differences.add(key + ": " + before.get(key) + " -> " + after.get(key));
            }
        }
        return differences;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
