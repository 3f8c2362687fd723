package org.convene.identity.client.domain;

import java.util.List;
import java.util.Optional;

/** Where API clients are kept. */
public interface ApiClients {

    /** False when the client id is taken. */
    boolean insert(ApiClient client);

    void updateSecretHash(String clientId, String secretHash);

    Optional<ApiClient> findByClientId(String clientId);

    List<ApiClient> findByOrganisation(String organisationId);

    /** True when a client of this organisation was removed. */
    boolean delete(String organisationId, String clientId);
}
