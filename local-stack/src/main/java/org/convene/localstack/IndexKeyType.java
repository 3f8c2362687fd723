package org.convene.localstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the store's unique indexes, compared as values. H2's default type does not know
 * mongo-java-server's {@link KeyValue} and compares two keys by Java-serialising both: that took a
 * third of the store's CPU in the on-sale burst (every insert checks each unique index, every
 * update by {@code _id} and version looks one up). The order in memory changed, which is why the
 * indexes live in maps of their own ({@link ConveneH2Backend}); keys are written as BSON, and keys
 * written by H2's default type are still read.
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private final ObjectDataType stored = new ObjectDataType();

    private IndexKeyType() {}

    @Override
    public int compare(KeyValue one, KeyValue other) {
        var common = Math.min(one.size(), other.size());
        for (int at = 0; at < common; at++) {
            var order = compareValues(one.get(at), other.get(at));
            if (order != 0) {
                return order;
            }
        }
        if (one.size() != other.size()) {
            return Integer.compare(one.size(), other.size());
        }
        // Values the store's order calls equal (null and a missing field, say) stay distinct keys,
        // as they were: the order must agree with equals, or a lookup would find the wrong key.
        return one.equals(other) ? 0 : stored.compare(one, other);
    }

    private int compareValues(Object one, Object other) {
        try {
            return ValueComparator.ascWithoutListHandling().compare(one, other);
        } catch (UnsupportedOperationException unknownType) {
            // Two values of a type the store cannot order: by their bytes, as before.
            return stored.compare(one, other);
        }
    }

    @Override
    public int getMemory(KeyValue key) {
        // H2's default type estimates an object it serialises from the sizes it has serialised; keys
        // are no longer serialised by it, and its starting guess (10 KB a key) made the cache evict
        // index pages all the time. A key is a small list: its values (ids, versions) take a few
        // dozen bytes each.
        return 48 + 48 * key.size();
    }

    /**
     * As a BSON document of the key's values ({@link DocumentType} explains why not Java
     * serialisation), after the same tag; a key the BSON codec cannot write (a missing field in a
     * sparse index) is written as before.
     */
    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        var values = new Document();
        for (int at = 0; at < key.size(); at++) {
            if (key.get(at) instanceof Missing) {
                // BSON would write it as null, which the store's order keeps distinct from missing.
                stored.write(buffer, key);
                return;
            }
            values.put(Integer.toString(at), key.get(at));
        }
        try {
            DocumentType.writeBson(buffer, values, 64);
        } catch (RuntimeException notBson) {
            stored.write(buffer, key);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return DocumentType.isBson(buffer)
                ? new KeyValue(DocumentType.readBson(buffer).values())
                : (KeyValue) stored.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
