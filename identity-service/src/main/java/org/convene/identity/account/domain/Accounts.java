package org.convene.identity.account.domain;

import java.util.List;
import java.util.Optional;

/** Where accounts are kept. */
public interface Accounts {

    /** Stores a new account; false when its email is already taken (the store keeps emails unique). */
    boolean insert(Account account);

    void updatePasswordHash(AccountId id, String passwordHash);

    Optional<Account> findById(AccountId id);

    Optional<Account> findByEmail(String email);

    List<Account> findByOrganisation(OrganisationId organisationId);
}
