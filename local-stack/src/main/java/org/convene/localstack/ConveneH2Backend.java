package org.convene.localstack;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.backend.h2.H2UniqueIndex;
import de.bwaldvogel.mongo.bson.Document;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, with documents stored as BSON ({@link DocumentType}) and unique
 * indexes ordered by {@link IndexKeyType}. Each index
 * is kept in a map named {@code <database>.<collection>._keys_<index>}; the backend's own map for
 * it ({@code ._index_}) is removed when found, and an empty map is filled from the collection's
 * documents when the index opens, so a data folder written by an earlier release keeps working.
 */
final class ConveneH2Backend extends H2Backend {

    /**
     * @param cacheMegabytes how much of the file H2 keeps in memory as documents; H2's default (16 MB)
     *     holds about ten thousand registrations, and a collection larger than the cache makes every
     *     search that scans it read and deserialise from the file, under the collection's lock
     */
    ConveneH2Backend(String fileName, int cacheMegabytes) {
        super(new MVStore.Builder().fileName(fileName).cacheSize(cacheMegabytes).open());
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new Database(databaseName, getMvStore(), getCursorRegistry());
    }

    private static final class Database extends H2Database {

        private final MVStore store;
        private final CursorRegistry cursors;

        Database(String name, MVStore store, CursorRegistry cursors) {
            // Set before the superclass opens the indexes, which calls openOrCreateUniqueIndex.
            this.store = store;
            this.cursors = cursors;
            super(name, store, cursors);
        }

        @Override
        protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
            var name = getFullCollectionNamespace(collectionName);
            // The names H2Database gives them (its prefixes are not visible from here).
            MVMap<Object, Document> data = store.openMap(
                    "databases." + name, new MVMap.Builder<Object, Document>().valueType(DocumentType.INSTANCE));
            MVMap<String, Object> meta = store.openMap("meta." + name);
            return new SnapshotCollection(this, collectionName, options, data, meta, cursors);
        }

        @Override
        protected Index<Object> openOrCreateUniqueIndex(
                String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
            var earlier = getFullCollectionNamespace(collectionName) + "._index_" + indexName;
            if (store.hasMap(earlier)) {
                store.removeMap(earlier);
            }
            MVMap<KeyValue, Object> map = store.openMap(
                    mapName(collectionName, indexName),
                    new MVMap.Builder<KeyValue, Object>().keyType(IndexKeyType.INSTANCE));
            return newUniqueIndex(map, indexName, keys, sparse);
        }

        @Override
        protected void dropIndex(MongoCollection<Object> collection, String indexName) {
            super.dropIndex(collection, indexName);
            var name = mapName(collection.getCollectionName(), indexName);
            if (store.hasMap(name)) {
                store.removeMap(name);
            }
        }

        private String mapName(String collectionName, String indexName) {
            return getFullCollectionNamespace(collectionName) + "._keys_" + indexName;
        }
    }

    /**
     * Answers with copies of the documents that matched. H2's map hands out its live objects, and
     * the backend changes a document by changing that object in place: an answer (or the rest of a
     * cursor, sent batch by batch) was written from objects that later updates had already changed,
     * so a search for free deliveries could answer with one just claimed, holder's lease and all,
     * and a second sender then claimed it with that lease (emails sent twice). A copy is made only
     * of what matched; an update changes its copy and puts it in the map.
     */
    private static final class SnapshotCollection extends H2Collection {

        SnapshotCollection(
                MongoDatabase database,
                String collectionName,
                CollectionOptions options,
                MVMap<Object, Document> data,
                MVMap<String, Object> meta,
                CursorRegistry cursors) {
            super(database, collectionName, options, data, meta, cursors);
        }

        @Override
        protected QueryResult matchDocumentsFromStream(
                Document query,
                Stream<Document> documents,
                int numberToSkip,
                int limit,
                int batchSize,
                Comparator<Document> order,
                Document fieldSelector) {
            var matched = documents
                    .filter(document -> documentMatchesQuery(document, query))
                    .map(Document::cloneDeeply);
            return super.matchDocumentsFromStream(query, matched, numberToSkip, limit, batchSize, order, fieldSelector);
        }
    }

    /** H2UniqueIndex's constructor is package-private: reached the one way the module system allows. */
    private static H2UniqueIndex newUniqueIndex(
            MVMap<KeyValue, Object> map, String name, List<IndexKey> keys, boolean sparse) {
        try {
            var constructor =
                    H2UniqueIndex.class.getDeclaredConstructor(MVMap.class, String.class, List.class, boolean.class);
            constructor.setAccessible(true);
            return constructor.newInstance(map, name, keys, sparse);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mongo-java-server's H2 index cannot be created", e);
        }
    }
}
