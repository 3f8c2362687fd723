package org.convene.identity.account.domain;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * An organiser's sign-in: the email they sign in with (kept lower-case, so it is unique however it
 * is typed), the password's hash (never the password), their organisation and roles. The id is the
 * tokens' subject, so a changed email does not make someone a different person.
 */
public record Account(
        AccountId id,
        String email,
        String name,
        String passwordHash,
        OrganisationId organisationId,
        Set<Role> roles,
        boolean enabled,
        Instant createdAt) {

    public Account {
        Objects.requireNonNull(id, "id");
        email = normaliseEmail(email);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(organisationId, "organisationId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(createdAt, "createdAt");
    }

    public static String normaliseEmail(String email) {
        return Objects.requireNonNull(email, "email").strip().toLowerCase(Locale.ROOT);
    }

    public Account withPasswordHash(String newHash) {
        return new Account(id, email, name, newHash, organisationId, roles, enabled, createdAt);
    }
}
