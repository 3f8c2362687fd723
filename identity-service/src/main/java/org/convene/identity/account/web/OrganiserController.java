package org.convene.identity.account.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.Set;
import org.convene.identity.account.domain.Account;
import org.convene.identity.account.domain.AccountService;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.account.domain.Role;
import org.convene.identity.web.Caller;
import org.convene.support.text.SingleLineText;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Organiser accounts: admins create them; an organisation's organisers see who else is in it. */
@RestController
class OrganiserController {

    record NewOrganiser(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) @SingleLineText String name,

            @NotBlank
            @Size(max = 60)
            @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a lowercase slug such as voices-of-care")
            String organisationId,

            @NotEmpty Set<Role> roles,
            @NotBlank @Size(max = 1000) String password) {}

    record OrganiserView(String id, String email, String name, String organisationId, List<String> roles) {}

    private final AccountService accounts;

    OrganiserController(AccountService accounts) {
        this.accounts = accounts;
    }

    @PostMapping("/api/identity/organisers")
    ResponseEntity<OrganiserView> create(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewOrganiser request) {
        Caller.of(jwt).requireAdmin();
        var account = accounts.create(
                request.email(),
                request.name(),
                request.password(),
                new OrganisationId(request.organisationId()),
                request.roles());
        return ResponseEntity.created(
                        URI.create("/api/identity/organisers/" + account.id().value()))
                .body(view(account));
    }

    @GetMapping("/api/identity/organisations/{organisationId}/organisers")
    ResponseEntity<List<OrganiserView>> list(@AuthenticationPrincipal Jwt jwt, @PathVariable String organisationId) {
        Caller.of(jwt).requireManages(organisationId);
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .body(accounts.organisersOf(new OrganisationId(organisationId)).stream()
                        .map(OrganiserController::view)
                        .toList());
    }

    private static OrganiserView view(Account account) {
        return new OrganiserView(
                account.id().value(),
                account.email(),
                account.name(),
                account.organisationId().value(),
                account.roles().stream().map(Role::claim).sorted().toList());
    }
}
