package org.convene.testing.authorization;

/**
 * Who calls an endpoint in an authorization matrix. "A" is the organisation that owns the
 * resource the request is about; "B" is another organisation.
 */
public enum Caller {
    ANONYMOUS("anonymous", false),
    ORGANISER_OF_A("organiser of the owning organisation", false),
    ORGANISER_OF_B("organiser of another organisation", false),
    ADMIN("admin", false),
    EXPIRED_TOKEN("expired token", true),
    FOREIGN_ISSUER("token from a foreign issuer", true),
    TAMPERED_SIGNATURE("token whose signature does not match", true),
    OTHER_AUDIENCE("token for another application", true);

    private final String description;
    private final boolean invalidToken;

    Caller(String description, boolean invalidToken) {
        this.description = description;
        this.invalidToken = invalidToken;
    }

    public String description() {
        return description;
    }

    /** A bearer token every service must refuse with 401, whatever the endpoint. */
    public boolean invalidToken() {
        return invalidToken;
    }
}
