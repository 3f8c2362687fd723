package org.convene.identity.client.domain;

import java.time.Instant;
import java.util.Objects;
import org.convene.identity.account.domain.OrganisationId;

/**
 * An organisation's API client (automation): it gets tokens with the client-credentials grant and
 * acts as an organiser of its organisation. Only the secret's hash is kept.
 */
public record ApiClient(
        ClientId clientId,
        String name,
        OrganisationId organisationId,
        String secretHash,
        Instant createdAt,
        String createdBy) {

    public ApiClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
