package org.convene.notifications.delivery.domain;

import org.jspecify.annotations.Nullable;

/**
 * Whom an email is for and how they read: their address and name, the language to write in (a BCP 47 tag:
 * {@code en-GB}, {@code cy}, {@code ar}; null means en-GB) and whether in Easy Read.
 */
public record Recipient(
        String email, @Nullable String name, @Nullable String language, boolean easyRead) {}
