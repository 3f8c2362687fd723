package org.convene.identity.token.issuing;

import java.util.List;
import java.util.Map;
import org.convene.identity.account.domain.Account;
import org.convene.identity.account.domain.AccountId;
import org.convene.identity.account.domain.Accounts;
import org.convene.identity.account.domain.Role;
import org.convene.identity.client.domain.ApiClients;
import org.convene.identity.client.domain.ClientId;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * What Convene's tokens say: the organisation ({@code org_id}) and {@code roles} every service
 * authorises by, and the audience {@code convene} they check. An organiser's claims are read from
 * their account each time a token is issued, refreshes included, so a disabled account or a
 * changed role takes effect within one access token's lifetime. An API client acts as an organiser
 * of its organisation.
 */
public class ConveneTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

    public static final String ORGANISATION = "org_id";
    public static final String ROLES = "roles";

    private final Accounts accounts;
    private final ApiClients clients;
    private final String audience;
    private final String gatewayClientId;

    public ConveneTokenClaims(Accounts accounts, ApiClients clients, String audience, String gatewayClientId) {
        this.accounts = accounts;
        this.clients = clients;
        this.audience = audience;
        this.gatewayClientId = gatewayClientId;
    }

    @Override
    public void customize(JwtEncodingContext context) {
        var tokenType = context.getTokenType();
        boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(tokenType);
        boolean idToken = OidcParameterNames.ID_TOKEN.equals(tokenType.getValue());
        if (!accessToken && !idToken) {
            return;
        }
        Map<String, Object> claims;
        if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
            var client = clients.findByClientId(
                            new ClientId(context.getRegisteredClient().getClientId()))
                    .orElseThrow(() -> refused("This client is not an organisation's API client"));
            claims = Map.of(ORGANISATION, client.organisationId().value(), ROLES, List.of(Role.ORGANISER.claim()));
        } else {
            if (!gatewayClientId.equals(context.getRegisteredClient().getClientId())) {
                throw refused("Unknown client");
            }
            var account = accounts.findById(new AccountId(context.getPrincipal().getName()))
                    .filter(Account::enabled)
                    .orElseThrow(() -> refused("The account is no longer active"));
            claims = Map.of(
                    ORGANISATION,
                    account.organisationId().value(),
                    ROLES,
                    account.roles().stream().map(Role::claim).sorted().toList(),
                    "email",
                    account.email(),
                    "name",
                    account.name());
        }
        context.getClaims().claims(existing -> existing.putAll(claims));
        if (accessToken) {
            // Services accept only tokens meant for Convene, not ones any client of this issuer got.
            context.getClaims().audience(List.of(audience));
        }
    }

    private static OAuth2AuthenticationException refused(String description) {
        return new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, description, null));
    }
}
