package org.convene.testing;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * mongo-java-server's in-memory store, answering with copies of what matched and storing each
 * update as a new document, as the local stack's store does (ADR 1). The plain backend hands out
 * its live documents and updates them in place, so an answer still being encoded while another
 * connection updated one of its documents failed ("Failed to encode") and broke the connection:
 * senders racing for the same deliveries met it. Real MongoDB answers with what matched.
 */
final class SnapshotMemoryBackend extends MemoryBackend {

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new SnapshotDatabase(databaseName, getCursorRegistry());
    }

    private static final class SnapshotDatabase extends MemoryDatabase {

        private final CursorRegistry cursors;

        SnapshotDatabase(String name, CursorRegistry cursors) {
            // Set before the superclass may open collections.
            this.cursors = cursors;
            super(name, cursors);
        }

        @Override
        protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
            return new SnapshotCollection(this, collectionName, options, cursors);
        }
    }

    private static final class SnapshotCollection extends MemoryCollection {

        /** The backend's list of documents (private): an update puts its new document there. */
        private static final VarHandle DOCUMENTS;

        static {
            try {
                DOCUMENTS = MethodHandles.privateLookupIn(MemoryCollection.class, MethodHandles.lookup())
                        .findVarHandle(MemoryCollection.class, "documents", List.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        SnapshotCollection(MongoDatabase database, String name, CollectionOptions options, CursorRegistry cursors) {
            super(database, name, options, cursors);
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

        /** Found by an index: a copy too; an update changes the copy and stores its result (below). */
        @Override
        protected Document getDocument(Integer position) {
            var document = super.getDocument(position);
            return document == null ? null : document.cloneDeeply();
        }

        @Override
        @SuppressWarnings("unchecked")
        protected void handleUpdate(Integer position, Document oldDocument, Document newDocument) {
            super.handleUpdate(position, oldDocument, newDocument);
            ((List<Document>) DOCUMENTS.get(this)).set(position, newDocument);
        }
    }
}
