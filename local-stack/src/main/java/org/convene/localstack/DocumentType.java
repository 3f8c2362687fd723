package org.convene.localstack;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The store's documents written to the file as BSON, the way the store sends them to clients. H2's
 * default type Java-serialises them: in the on-sale burst that was a third of the store's CPU, on
 * the thread that writes changed pages (every page holding a changed document is written again,
 * each document in it serialised again).
 *
 * <p>A BSON document is written after a tag H2's default type never writes first ({@code 0xC0}),
 * so a document in a file written by an earlier release (a Java-serialised object after H2's own
 * tag) is still read as it was written, and written as BSON the next time its page is written.
 */
final class DocumentType extends BasicDataType<Document> {

    static final DocumentType INSTANCE = new DocumentType();

    /** The first byte of a value written as BSON; H2's default type starts its values with 0–119. */
    private static final byte BSON = (byte) 0xC0;

    /** Documents in memory take a few times their BSON size: what H2's cache counts them as. */
    private static final int IN_MEMORY_PER_BSON_BYTE = 3;

    private final ObjectDataType stored = new ObjectDataType();

    /** A running average of the BSON sizes written, as H2's default type keeps one of its sizes. */
    private volatile int averageSize = 1_024;

    private DocumentType() {}

    @Override
    public int getMemory(Document document) {
        return averageSize * IN_MEMORY_PER_BSON_BYTE;
    }

    @Override
    public void write(WriteBuffer buffer, Document document) {
        var size = writeBson(buffer, document, averageSize * 2);
        averageSize = (averageSize * 15 + size) / 16;
    }

    @Override
    public Document read(ByteBuffer buffer) {
        return isBson(buffer) ? readBson(buffer) : (Document) stored.read(buffer);
    }

    /**
     * Writes the tag, the length and the document as BSON; returns the BSON size. A document the
     * codec cannot encode throws before anything is written.
     */
    static int writeBson(WriteBuffer buffer, Document document, int expectedSize) {
        var bson = ByteBufAllocator.DEFAULT.heapBuffer(expectedSize);
        try {
            BsonEncoder.encodeDocument(document, bson);
            var size = bson.readableBytes();
            buffer.put(BSON).putVarInt(size).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
            return size;
        } finally {
            bson.release();
        }
    }

    /** Whether the next value was written by {@link #writeBson} (otherwise by H2's default type). */
    static boolean isBson(ByteBuffer buffer) {
        return buffer.get(buffer.position()) == BSON;
    }

    static Document readBson(ByteBuffer buffer) {
        buffer.get();
        var size = DataUtils.readVarInt(buffer);
        var bson = buffer.slice(buffer.position(), size);
        buffer.position(buffer.position() + size);
        return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bson));
    }

    @Override
    public int compare(Document one, Document other) {
        return stored.compare(one, other);
    }

    @Override
    public Document[] createStorage(int size) {
        return new Document[size];
    }
}
