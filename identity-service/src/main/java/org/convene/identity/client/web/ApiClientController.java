package org.convene.identity.client.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.client.domain.ApiClient;
import org.convene.identity.client.domain.ApiClientService;
import org.convene.identity.client.domain.ClientId;
import org.convene.identity.config.IdentityProperties;
import org.convene.identity.web.Caller;
import org.convene.support.text.SingleLineText;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * An organisation's API clients, managed by its organisers (and admins). The secret is in the
 * answer to creating the client and nowhere else, ever: only its hash is kept.
 */
@RestController
class ApiClientController {

    record NewClient(
            @NotBlank @Size(max = 100) @SingleLineText String name) {}

    record IssuedClientView(
            String clientId, String clientSecret, String name, String organisationId, String tokenEndpoint) {}

    record ClientView(String clientId, String name, String organisationId, Instant createdAt) {}

    private final ApiClientService clients;
    private final URI tokenEndpoint;

    ApiClientController(ApiClientService clients, IdentityProperties properties) {
        this.clients = clients;
        this.tokenEndpoint = URI.create(properties.issuer() + "/oauth2/token");
    }

    @PostMapping("/api/identity/organisations/{organisationId}/clients")
    ResponseEntity<IssuedClientView> create(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String organisationId,
            @Valid @RequestBody NewClient request) {
        var caller = Caller.of(jwt).requireManages(organisationId);
        var issued = clients.create(new OrganisationId(organisationId), request.name(), caller.subject());
        var client = issued.client();
        return ResponseEntity.created(URI.create("/api/identity/organisations/" + organisationId + "/clients/"
                        + client.clientId().value()))
                .cacheControl(CacheControl.noStore())
                .body(new IssuedClientView(
                        client.clientId().value(),
                        issued.secret(),
                        client.name(),
                        client.organisationId().value(),
                        tokenEndpoint.toString()));
    }

    @GetMapping("/api/identity/organisations/{organisationId}/clients")
    List<ClientView> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId) {
        Caller.of(jwt).requireManages(organisationId);
        return clients.of(new OrganisationId(organisationId)).stream()
                .map(ApiClientController::view)
                .toList();
    }

    @DeleteMapping("/api/identity/organisations/{organisationId}/clients/{clientId}")
    ResponseEntity<Void> revoke(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId, @PathVariable String clientId) {
        Caller.of(jwt).requireManages(organisationId);
        if (!clients.revoke(new OrganisationId(organisationId), new ClientId(clientId))) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "This organisation has no such client.");
        }
        return ResponseEntity.noContent().build();
    }

    private static ClientView view(ApiClient client) {
        return new ClientView(
                client.clientId().value(),
                client.name(),
                client.organisationId().value(),
                client.createdAt());
    }
}
