package org.convene.contracts.support;

/** Past-tense names of what registrations-service tells an organisation about its events' support needs. */
public enum SupportDigestMessageType {
    /**
     * Support needs were still outstanding, that day, for events whose deadline to arrange them has come
     * or is near: the organisation's daily digest.
     */
    SupportOutstanding
}
