package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoStoreTests {

    @TempDir
    Path folder;

    @Test
    void uniqueIndexesRefuseDuplicatesAndFindByKeyAcrossRestarts() throws Exception {
        withStore(registrations -> {
            registrations.createIndex(
                    Indexes.ascending("_id", "version"),
                    new IndexOptions().unique(true).name("version_check"));
            registrations.createIndex(Indexes.ascending("token"), new IndexOptions().unique(true));
            for (int i = 0; i < 2_000; i++) {
                registrations.insertOne(
                        new Document("_id", "r" + i).append("version", 0L).append("token", "t" + i));
            }
            assertThatThrownBy(() -> registrations.insertOne(new Document("_id", "x").append("token", "t7")))
                    .isInstanceOf(MongoWriteException.class);
        });
        withStore(registrations -> {
            assertThat(registrations.find(Filters.eq("token", "t1234")).first()).containsEntry("_id", "r1234");
            var moved = registrations.updateOne(
                    Filters.and(Filters.eq("_id", "r42"), Filters.eq("version", 0L)),
                    new Document("$set", new Document("version", 1L)));
            assertThat(moved.getModifiedCount()).isEqualTo(1);
            var stale = registrations.updateOne(
                    Filters.and(Filters.eq("_id", "r42"), Filters.eq("version", 0L)),
                    new Document("$set", new Document("version", 2L)));
            assertThat(stale.getModifiedCount()).isZero();
            assertThatThrownBy(() -> registrations.insertOne(new Document("_id", "y").append("token", "t1999")))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(registrations.countDocuments()).isEqualTo(2_000);
        });
    }

    @Test
    void aClientConnectedThroughAStopAndAStartGoesOnWithTheSameData() throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var part = new RestartablePart("store", "Store", () -> MongoStore.start(folder, port));
        part.start();
        var settings = com.mongodb.MongoClientSettings.builder()
                .applyConnectionString(new com.mongodb.ConnectionString(MongoStore.uri(port, "convene")))
                .applyToClusterSettings(
                        cluster -> cluster.serverSelectionTimeout(1, java.util.concurrent.TimeUnit.SECONDS))
                .build();
        try (var client = MongoClients.create(settings)) {
            var registrations = client.getDatabase("convene").getCollection("registrations");
            registrations.insertOne(new Document("_id", "before"));

            assertThat(part.stop()).isTrue();
            assertThatThrownBy(() -> registrations.insertOne(new Document("_id", "while-away")))
                    .isInstanceOf(com.mongodb.MongoException.class);

            assertThat(part.start()).isTrue();
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .ignoreExceptions()
                    .untilAsserted(() -> registrations.insertOne(new Document("_id", "after")));
            assertThat(registrations.find().map(document -> document.getString("_id")))
                    .containsExactlyInAnyOrder("before", "after");
        } finally {
            part.close();
        }
    }

    @Test
    void aDataFolderWrittenWithTheStoresOwnIndexesKeepsItsUniqueness() throws Exception {
        var file = folder.resolve("convene.mv").toString();
        var earlier = new MongoServer(new H2Backend(file));
        var address = earlier.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            var registrations = client.getDatabase("convene").getCollection("registrations");
            registrations.createIndex(Indexes.ascending("token"), new IndexOptions().unique(true));
            registrations.insertOne(new Document("_id", "r1").append("token", "t1"));
        }
        earlier.shutdownNow();

        withStore(registrations -> {
            assertThatThrownBy(() -> registrations.insertOne(new Document("_id", "r2").append("token", "t1")))
                    .isInstanceOf(MongoWriteException.class);
            assertThat(registrations.find(Filters.eq("token", "t1")).first()).containsEntry("_id", "r1");
        });
        var store = MVStore.open(file);
        try {
            assertThat(store.getMapNames()).noneMatch(name -> name.contains("._index_"));
            assertThat(store.getMapNames()).anyMatch(name -> name.endsWith("._keys_token_1"));
        } finally {
            store.close();
        }
    }

    /** Documents are written to the file as BSON ({@link DocumentType}): every type a client sends comes back as sent. */
    @Test
    void everyKindOfValueComesBackAsItWasWrittenAcrossARestart() throws Exception {
        var written = new Document("_id", new org.bson.types.ObjectId())
                .append("text", "Zoë's workshop \u2013 caf\u00e9")
                .append("int", 42)
                .append("long", 1L << 40)
                .append("double", 2.5)
                .append("decimal", new org.bson.types.Decimal128(new java.math.BigDecimal("12.34")))
                .append("yes", true)
                .append("nothing", null)
                .append("at", new java.util.Date(1_765_000_000_123L))
                .append("bytes", new org.bson.types.Binary(new byte[] {1, 2, 3}))
                .append("nested", new Document("a", java.util.List.of(1, "two", new Document("three", 3L))))
                .append("parties", "r-1:2,r-2:1");
        withStore(registrations -> registrations.insertOne(written));
        withStore(registrations -> {
            assertThat(registrations.find(Filters.eq("_id", written.get("_id"))).first())
                    .isEqualTo(written);
            registrations.updateOne(
                    Filters.eq("_id", written.get("_id")), new Document("$set", new Document("int", 43)));
        });
        withStore(registrations -> assertThat(registrations
                        .find(Filters.eq("_id", written.get("_id")))
                        .first())
                .containsEntry("int", 43)
                .containsEntry("nested", written.get("nested")));
    }

    @Test
    void keysComeBackEqualFromTheFileWhateverTheirValues() {
        var keys = IndexKeyType.INSTANCE;
        var samples = java.util.List.of(
                new KeyValue("r-1", 3.0),
                new KeyValue("r-1|lease", null),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("a", 1.0), java.util.List.of("x", 2.0)),
                new KeyValue(java.time.Instant.ofEpochMilli(1_765_000_000_123L), true, Long.MAX_VALUE));
        for (var key : samples) {
            var buffer = new org.h2.mvstore.WriteBuffer();
            keys.write(buffer, key);
            var read = keys.read(buffer.getBuffer().flip());
            assertThat(read).isEqualTo(key);
            assertThat(keys.compare(read, key)).isZero();
        }
    }

    @Test
    void keysOrderAsValuesAndDistinctKeysNeverCompareEqual() {
        var keys = IndexKeyType.INSTANCE;
        assertThat(keys.compare(new KeyValue("a", 1L), new KeyValue("a", 2L))).isNegative();
        assertThat(keys.compare(new KeyValue("b"), new KeyValue("a"))).isPositive();
        assertThat(keys.compare(new KeyValue("a", 1L), new KeyValue("a", 1L))).isZero();
        assertThat(keys.compare(new KeyValue("a"), new KeyValue("a", 1L))).isNegative();
        var missing = new KeyValue(Missing.getInstance());
        var nothing = new KeyValue((Object) null);
        assertThat(keys.compare(missing, nothing)).isNotZero();
        assertThat(Integer.signum(keys.compare(missing, nothing)))
                .isEqualTo(-Integer.signum(keys.compare(nothing, missing)));
    }

    /**
     * A search answers with documents as they were when they matched, even while a claim on another
     * connection changes them: the H2 backend kept its documents as live objects and changed them in
     * place, so an answer still being written could show the claim that came after the match (a
     * delivery found free carried the new holder's lease, and a second sender claimed it with that).
     */
    @Test
    void aSearchAnswersWithWhatMatchedNotWithAClaimThatCameAfter() throws Exception {
        withStore(deliveries -> {
            deliveries.createIndex(
                    Indexes.ascending("_id", "lease"),
                    new IndexOptions().unique(true).name("id_lease"));
            var count = 3_000;
            var batch = new java.util.ArrayList<Document>();
            for (int i = 0; i < count; i++) {
                batch.add(new Document("_id", "d" + i).append("lease", "free").append("held", false));
            }
            deliveries.insertMany(batch);
            var wrong = new java.util.concurrent.atomic.AtomicInteger();
            var searches = new java.util.concurrent.atomic.AtomicInteger();
            var claimsDone = new java.util.concurrent.atomic.AtomicBoolean();
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
                var searchers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int s = 0; s < 2; s++) {
                    searchers.add(pool.submit(() -> {
                        while (!claimsDone.get()) {
                            for (var found : deliveries.find(Filters.eq("held", false))) {
                                if (found.getBoolean("held") || !"free".equals(found.getString("lease"))) {
                                    if (wrong.incrementAndGet() == 1) {
                                        System.out.println("WRONG " + found.toJson());
                                    }
                                }
                            }
                            searches.incrementAndGet();
                        }
                    }));
                }
                var claimers = new java.util.ArrayList<java.util.concurrent.Future<?>>();
                for (int c = 0; c < 2; c++) {
                    var first = c;
                    claimers.add(pool.submit(() -> {
                        for (int i = first; i < count; i += 2) {
                            deliveries.updateOne(
                                    Filters.and(Filters.eq("_id", "d" + i), Filters.eq("lease", "free")),
                                    new Document("$set", new Document("lease", "held-" + i).append("held", true)));
                        }
                    }));
                }
                for (var claimer : claimers) {
                    claimer.get();
                }
                claimsDone.set(true);
                for (var searcher : searchers) {
                    searcher.get();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            assertThat(searches.get()).isPositive();
            assertThat(wrong.get())
                    .as("documents answered in a state that did not match")
                    .isZero();
        });
    }

    private void withStore(Consumer<MongoCollection<Document>> use) throws Exception {
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        var store = MongoStore.start(folder, port);
        try (var client = MongoClients.create(MongoStore.uri(port, "convene"))) {
            use.accept(client.getDatabase("convene").getCollection("registrations"));
        } finally {
            store.close();
        }
    }
}
