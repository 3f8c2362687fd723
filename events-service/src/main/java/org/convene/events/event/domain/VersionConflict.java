package org.convene.events.event.domain;

/** Someone else changed the event or organisation since the caller read it (optimistic concurrency): a 412 or 409. */
public class VersionConflict extends RuntimeException {

    private final long expected;

    public VersionConflict(Object id, long expected) {
        super(id + " is no longer at version " + expected);
        this.expected = expected;
    }

    public long expected() {
        return expected;
    }
}
