package org.convene.identity.account.domain;

import java.time.Clock;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Creates organiser accounts and sets passwords, always through the password policy. */
public final class AccountService {

    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final UnaryOperator<String> hasher;
    private final Clock clock;

    /** {@code hasher} turns a password into its stored hash (a slow, salted hash; see ADR 7). */
    public AccountService(Accounts accounts, PasswordPolicy policy, UnaryOperator<String> hasher, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.clock = clock;
    }

    public Account create(String email, String name, String password, OrganisationId organisationId, Set<Role> roles) {
        policy.check(password, email, name);
        var account = new Account(
                AccountId.newId(),
                email,
                name.strip(),
                hasher.apply(password),
                organisationId,
                roles,
                true,
                clock.instant());
        if (!accounts.insert(account)) {
            throw new EmailAlreadyRegistered(account.email());
        }
        return account;
    }

    /**
     * The account with this email, created or with its password set to this one: how configured
     * accounts (the demo organiser, a bootstrap admin) stay in step with the secrets they were given.
     */
    public Account ensure(String email, String name, String password, OrganisationId organisationId, Set<Role> roles) {
        var existing = accounts.findByEmail(email);
        if (existing.isEmpty()) {
            try {
                return create(email, name, password, organisationId, roles);
            } catch (EmailAlreadyRegistered raced) {
                existing = accounts.findByEmail(email);
            }
        }
        var account = existing.orElseThrow();
        policy.check(password, email, name);
        var hash = hasher.apply(password);
        accounts.updatePasswordHash(account.id(), hash);
        return account.withPasswordHash(hash);
    }

    public java.util.List<Account> organisersOf(OrganisationId organisationId) {
        return accounts.findByOrganisation(organisationId);
    }
}
