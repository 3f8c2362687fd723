package org.convene.registrations.registration.spreading;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What ADR 19's design asks of the store, and nothing more: read one document, insert one if its id is
 * free, and replace one only if it is still at the version the writer read (MongoDB's {@code
 * updateOne({_id, ledgerVersion: v}, …)}, matched or not). Each call waits a few microseconds, as a
 * round trip would, so that writers really overlap.
 *
 * <p>The control ({@code checksVersions = false}) writes without looking at the version: the last
 * writer wins, as a plain {@code $set} by {@code _id} would.
 */
final class ModelStore {

    /** A document and the version it is at; the version moves on with every replacement. */
    record Stored(long version, Object value) {}

    private final ConcurrentHashMap<String, Stored> documents = new ConcurrentHashMap<>();
    private final boolean checksVersions;
    private final int latencyMicros;
    private final AtomicLong replacements = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    ModelStore(boolean checksVersions, int latencyMicros) {
        this.checksVersions = checksVersions;
        this.latencyMicros = latencyMicros;
    }

    Stored read(String id) {
        roundTrip();
        return documents.get(id);
    }

    /** Inserts the document unless one has that id; false if one has. */
    boolean insert(String id, Object value) {
        roundTrip();
        return documents.putIfAbsent(id, new Stored(0, value)) == null;
    }

    /** Replaces the document if it is still at {@code expected}; false (nothing written) otherwise. */
    boolean compareAndSet(String id, long expected, Object value) {
        roundTrip();
        if (!checksVersions) {
            documents.put(id, new Stored(expected + 1, value));
            replacements.incrementAndGet();
            return true;
        }
        var written = new boolean[1];
        documents.computeIfPresent(id, (key, current) -> {
            if (current.version() != expected) {
                return current;
            }
            written[0] = true;
            return new Stored(expected + 1, value);
        });
        (written[0] ? replacements : refused).incrementAndGet();
        return written[0];
    }

    long replacements() {
        return replacements.get();
    }

    /** Compare-and-sets that found the document changed (a writer that lost a race). */
    long refused() {
        return refused.get();
    }

    private void roundTrip() {
        if (latencyMicros > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(latencyMicros / 2, latencyMicros) * 1_000L);
        }
    }
}
