package org.convene.identity.client.registration;

import java.time.Duration;
import java.util.Optional;
import org.convene.identity.client.domain.ApiClient;
import org.convene.identity.client.domain.ApiClients;
import org.convene.identity.client.domain.ClientId;
import org.convene.identity.config.IdentityProperties;
import org.jspecify.annotations.Nullable;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The clients the authorization server knows: the gateway (sign-in for the browser: authorization
 * code with PKCE, refresh tokens, OIDC logout) from configuration, and organisations' API clients
 * (client credentials only) from the database. Clients are not registered through this interface.
 */
public class ConveneRegisteredClients implements RegisteredClientRepository {

    private final ApiClients apiClients;
    private final @Nullable RegisteredClient gateway;
    private final Duration accessTokenTtl;

    public ConveneRegisteredClients(
            ApiClients apiClients, IdentityProperties properties, java.util.function.UnaryOperator<String> hasher) {
        this.apiClients = apiClients;
        this.accessTokenTtl = properties.accessTokenTtl();
        var client = properties.gatewayClient();
        this.gateway = client.configured() ? gateway(client, properties, hasher) : null;
    }

    private static RegisteredClient gateway(
            IdentityProperties.GatewayClient client,
            IdentityProperties properties,
            java.util.function.UnaryOperator<String> hasher) {
        return RegisteredClient.withId("gateway")
                .clientId(client.clientId())
                .clientName("Convene")
                .clientSecret(hasher.apply(client.clientSecret()))
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
                .redirectUris(uris -> client.redirectUris().forEach(uri -> uris.add(uri.toString())))
                .postLogoutRedirectUris(
                        uris -> client.postLogoutRedirectUris().forEach(uri -> uris.add(uri.toString())))
                .scope(OidcScopes.OPENID)
                .scope(OidcScopes.PROFILE)
                .scope(OidcScopes.EMAIL)
                // Convene is the only client of its own sign-in: there is nothing to consent to.
                .clientSettings(ClientSettings.builder()
                        .requireProofKey(true)
                        .requireAuthorizationConsent(false)
                        .build())
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(properties.accessTokenTtl())
                        .refreshTokenTimeToLive(properties.refreshTokenTtl())
                        // A refresh token is used once: a stolen one that is replayed stops working.
                        .reuseRefreshTokens(false)
                        .build())
                .build();
    }

    /**
     * Called by the authorization server only to store a re-hashed secret (when the hashing
     * algorithm changes); clients themselves are created through the identity API.
     */
    @Override
    public void save(RegisteredClient registeredClient) {
        var existing = apiClients.findByClientId(new ClientId(registeredClient.getClientId()));
        if (existing.isEmpty()) {
            throw new UnsupportedOperationException("API clients are created through the identity API");
        }
        var secretHash = registeredClient.getClientSecret();
        // Spring saves a client to keep a re-encoded secret; a client without one has nothing to keep.
        if (secretHash != null) {
            apiClients.updateSecretHash(new ClientId(registeredClient.getClientId()), secretHash);
        }
    }

    @Override
    public @Nullable RegisteredClient findById(String id) {
        if (gateway != null && gateway.getId().equals(id)) {
            return gateway;
        }
        return apiClient(id).orElse(null);
    }

    @Override
    public @Nullable RegisteredClient findByClientId(String clientId) {
        if (gateway != null && gateway.getClientId().equals(clientId)) {
            return gateway;
        }
        return apiClient(clientId).orElse(null);
    }

    private Optional<RegisteredClient> apiClient(String clientId) {
        return apiClients.findByClientId(new ClientId(clientId)).map(this::registered);
    }

    private RegisteredClient registered(ApiClient client) {
        return RegisteredClient.withId(client.clientId().value())
                .clientId(client.clientId().value())
                .clientName(client.name())
                .clientSecret(client.secretHash())
                .clientIdIssuedAt(client.createdAt())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenSettings(TokenSettings.builder()
                        .accessTokenTimeToLive(accessTokenTtl)
                        .build())
                .build();
    }
}
