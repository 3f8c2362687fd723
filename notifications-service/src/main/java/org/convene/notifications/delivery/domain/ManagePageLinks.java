package org.convene.notifications.delivery.domain;

import org.jspecify.annotations.Nullable;

/**
 * The address of the page where a person manages their own registration, for the emails about it. The
 * page is web's, and its link is made as registrations-service makes it (service-support's ManageLinks),
 * wired in config so that messaging depends on no web package.
 */
@FunctionalInterface
public interface ManagePageLinks {

    /** None for a message that carries no token. */
    @Nullable
    String forTokenIfAny(@Nullable String manageToken);
}
