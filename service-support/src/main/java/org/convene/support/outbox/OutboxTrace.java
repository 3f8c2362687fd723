package org.convene.support.outbox;

import io.micrometer.tracing.Tracer;
import org.jspecify.annotations.Nullable;

/**
 * The W3C {@code traceparent} of the work under way, kept beside the outbox messages it writes
 * ({@code outboxTrace} on the document), so the relay publishes them as part of the same trace and
 * one registration can be followed from the gateway to the email. Set by the auto-configuration
 * when tracing is on; without it, nothing is kept.
 */
public final class OutboxTrace {

    /** The document field holding the traceparent of the latest write that added messages. */
    public static final String FIELD = "outboxTrace";

    public static final String HEADER = "traceparent";

    private static volatile @Nullable Tracer tracer;

    private OutboxTrace() {}

    static void use(Tracer current) {
        tracer = current;
    }

    /** Keeps the current trace beside the messages this update adds to the outbox. */
    public static org.springframework.data.mongodb.core.query.Update keep(
            org.springframework.data.mongodb.core.query.Update update) {
        var traceparent = current();
        return traceparent == null ? update : update.set(FIELD, traceparent);
    }

    /** The current span as a traceparent, or null outside any trace. */
    public static @Nullable String current() {
        var active = tracer;
        if (active == null) {
            return null;
        }
        var span = active.currentSpan();
        if (span == null) {
            return null;
        }
        var context = span.context();
        var sampled = Boolean.TRUE.equals(context.sampled()) ? "01" : "00";
        return "00-" + context.traceId() + "-" + context.spanId() + "-" + sampled;
    }
}
