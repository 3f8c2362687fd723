package org.convene.notifications.newsletter.domain;

/**
 * How far a newsletter has gone out. {@code skipped} counts people who left or erased their data
 * after it started; {@code remaining} those still to be tried (0 before planning is done is not "finished").
 */
public record Progress(long recipients, long sent, long failed, long skipped, long cancelled, long remaining) {}
