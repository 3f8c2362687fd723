package org.convene.identity.client.domain;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.convene.identity.account.domain.OrganisationId;

/** Issues API clients with generated secrets; the secret is shown once, when the client is created. */
public final class ApiClientService {

    /** What the caller sees once: the client and its secret in the clear. */
    public record IssuedClient(ApiClient client, String secret) {}

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApiClients clients;
    private final UnaryOperator<String> hasher;
    private final Clock clock;

    public ApiClientService(ApiClients clients, UnaryOperator<String> hasher, Clock clock) {
        this.clients = clients;
        this.hasher = hasher;
        this.clock = clock;
    }

    public IssuedClient create(OrganisationId organisationId, String name, String createdBy) {
        var secret = newSecret();
        while (true) {
            var client = new ApiClient(
                    new ClientId("convene-" + HexFormat.of().formatHex(randomBytes(10))),
                    name.strip(),
                    organisationId,
                    hasher.apply(secret),
                    clock.instant(),
                    createdBy);
            if (clients.insert(client)) {
                return new IssuedClient(client, secret);
            }
        }
    }

    /** The client with this id, created or with its secret set to this one (the demo client, configured secrets). */
    public ApiClient ensure(ClientId clientId, String name, OrganisationId organisationId, String secret) {
        if (secret == null || secret.length() < 24) {
            throw new IllegalArgumentException("An API client secret must be at least 24 characters");
        }
        var hash = hasher.apply(secret);
        var client = new ApiClient(clientId, name, organisationId, hash, clock.instant(), "configuration");
        if (!clients.insert(client)) {
            var existing = clients.findByClientId(clientId).orElseThrow();
            if (!existing.organisationId().equals(organisationId)) {
                throw new IllegalStateException("API client " + clientId + " belongs to another organisation ("
                        + existing.organisationId() + ")");
            }
            clients.updateSecretHash(clientId, hash);
        }
        return client;
    }

    public List<ApiClient> of(OrganisationId organisationId) {
        return clients.findByOrganisation(organisationId);
    }

    public boolean revoke(OrganisationId organisationId, ClientId clientId) {
        return clients.delete(organisationId, clientId);
    }

    /** 256 bits from the system's secure random source, URL-safe so it survives being pasted into curl. */
    static String newSecret() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes(32));
    }

    private static byte[] randomBytes(int count) {
        var bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
