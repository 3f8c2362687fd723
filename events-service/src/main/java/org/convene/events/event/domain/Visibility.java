package org.convene.events.event.domain;

/**
 * Who finds an event: everyone ({@code PUBLIC}: listed, and announced to the organisation's
 * subscribers), or only the people the organiser gives its link to ({@code UNLISTED}: never listed or
 * announced, open to anyone with the link), or only the people given one of its invitations
 * ({@code INVITE_ONLY}: never listed or announced, and without a valid invitation code it does not
 * exist for the public).
 */
public enum Visibility {
    PUBLIC,
    UNLISTED,
    INVITE_ONLY
}
