package org.convene.localstack;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Files;
import java.nio.file.Path;

/** The embedded MongoDB-wire-compatible store (mongo-java-server), persisting to one H2 file in the data folder. */
final class MongoStore implements AutoCloseable {

    private final MongoServer server;
    private final H2Backend backend;

    private MongoStore(MongoServer server, H2Backend backend) {
        this.server = server;
        this.backend = backend;
    }

    static MongoStore start(Path directory, int port) throws Exception {
        Files.createDirectories(directory);
        var backend = new ConveneH2Backend(directory.resolve("convene.mv").toString(), cacheMegabytes());
        var server = new MongoServer(backend);
        server.bind("127.0.0.1", port);
        return new MongoStore(server, backend);
    }

    /** {@code CONVENE_STORE_CACHE_MB}, 512 by default: enough for a few hundred thousand registrations. */
    private static int cacheMegabytes() {
        var configured = System.getenv("CONVENE_STORE_CACHE_MB");
        return configured == null || configured.isBlank() ? 512 : Integer.parseInt(configured.strip());
    }

    static String uri(int port, String database) {
        return "mongodb://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        // Stop taking connections first, then commit and close the file so nothing written is lost.
        server.stopListening();
        backend.commit();
        server.shutdown();
    }
}
