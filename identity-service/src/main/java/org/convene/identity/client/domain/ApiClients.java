package org.convene.identity.client.domain;

import java.util.List;
import java.util.Optional;
import org.convene.identity.account.domain.OrganisationId;

/** Where API clients are kept. */
public interface ApiClients {

    /** False when the client id is taken. */
    boolean insert(ApiClient client);

    void updateSecretHash(ClientId clientId, String secretHash);

    Optional<ApiClient> findByClientId(ClientId clientId);

    List<ApiClient> findByOrganisation(OrganisationId organisationId);

    /** True when a client of this organisation was removed. */
    boolean delete(OrganisationId organisationId, ClientId clientId);
}
