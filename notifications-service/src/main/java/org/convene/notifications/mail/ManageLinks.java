package org.convene.notifications.mail;

/**
 * The address of the page where a person manages their own registration (web's {@code /manage/<token>}),
 * which registrations-service also gives in its answer to registering. The token is private: the link
 * goes only into the person's own email, and is dropped from the delivery once sent.
 */
public record ManageLinks(String publicBaseUrl) {

    /** The link for {@code manageToken}; none without a token. */
    public String forToken(String manageToken) {
        return manageToken == null ? null : publicBaseUrl + "/manage/" + manageToken;
    }
}
