package org.convene.support.web;

import org.jspecify.annotations.Nullable;

/**
 * The address of the page where a person manages their own registration (web's {@code /manage/<token>}):
 * registrations-service gives it in its answer to registering, notifications-service puts it in the
 * person's emails, and both must give the same one. The token is private: the link goes only to the
 * person it belongs to.
 *
 * <p>{@code publicBaseUrl} is where web is served, perhaps under a path of its own
 * ({@code https://example.org/convene}): the page is below it, so the path is kept, and a trailing slash
 * in the setting does not double the one before {@code manage}.
 */
public record ManageLinks(String publicBaseUrl) {

    public ManageLinks {
        publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The link for {@code manageToken}. */
    public String forToken(String manageToken) {
        return publicBaseUrl + "/manage/" + manageToken;
    }

    /** The link for {@code manageToken}; none for a message that carries no token. */
    public @Nullable String forTokenIfAny(@Nullable String manageToken) {
        return manageToken == null ? null : forToken(manageToken);
    }
}
