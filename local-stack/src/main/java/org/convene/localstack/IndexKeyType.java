package org.convene.localstack;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.ValueComparator;
import java.nio.ByteBuffer;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The keys of the store's unique indexes, compared as values. H2's default type does not know
 * mongo-java-server's {@link KeyValue} and compares two keys by Java-serialising both: that took a
 * third of the store's CPU in the on-sale burst (every insert checks each unique index, every
 * update by {@code _id} and version looks one up). Keys are still written and read as H2's default
 * type writes them; only the order in memory changes, which is why the indexes live in maps of
 * their own ({@link ConveneH2Backend}).
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
        return stored.getMemory(key);
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        stored.write(buffer, key);
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        return (KeyValue) stored.read(buffer);
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }
}
