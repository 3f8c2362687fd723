package org.convene.identity.account.persistence;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.convene.identity.account.domain.Account;
import org.convene.identity.account.domain.AccountId;
import org.convene.identity.account.domain.Accounts;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.account.domain.Role;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Accounts in the {@code accounts} collection; a unique index keeps one account per email. */
@Repository
class MongoAccounts implements Accounts {

    static final String COLLECTION = "accounts";

    private final MongoTemplate mongo;

    MongoAccounts(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("email", Sort.Direction.ASC).unique());
        mongo.indexOps(COLLECTION).createIndex(new Index("organisationId", Sort.Direction.ASC));
    }

    @Override
    public boolean insert(Account account) {
        try {
            mongo.insert(toDocument(account), COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void updatePasswordHash(AccountId id, String passwordHash) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(id.value())),
                Update.update("passwordHash", passwordHash),
                COLLECTION);
    }

    @Override
    public Optional<Account> findById(AccountId id) {
        return Optional.ofNullable(mongo.findById(id.value(), Document.class, COLLECTION))
                .map(MongoAccounts::fromDocument);
    }

    @Override
    public Optional<Account> findByEmail(String email) {
        return Optional.ofNullable(mongo.findOne(
                        Query.query(Criteria.where("email").is(Account.normaliseEmail(email))),
                        Document.class,
                        COLLECTION))
                .map(MongoAccounts::fromDocument);
    }

    @Override
    public List<Account> findByOrganisation(OrganisationId organisationId) {
        return mongo
                .find(
                        Query.query(Criteria.where("organisationId").is(organisationId.value()))
                                .with(Sort.by("email")),
                        Document.class,
                        COLLECTION)
                .stream()
                .map(MongoAccounts::fromDocument)
                .toList();
    }

    private static Document toDocument(Account account) {
        // The ids as the strings they always were: the tokens, the queries and older documents use them.
        return new Document("_id", account.id().value())
                .append("email", account.email())
                .append("name", account.name())
                .append("passwordHash", account.passwordHash())
                .append("organisationId", account.organisationId().value())
                .append(
                        "roles",
                        account.roles().stream().map(Role::claim).sorted().toList())
                .append("enabled", account.enabled())
                .append("createdAt", java.util.Date.from(account.createdAt()));
    }

    private static Account fromDocument(Document document) {
        var roles = new HashSet<Role>();
        for (Object role : document.get("roles", Collection.class)) {
            roles.add(Role.valueOf(String.valueOf(role).toUpperCase(Locale.ROOT)));
        }
        Instant created = document.getDate("createdAt").toInstant();
        return new Account(
                new AccountId(document.getString("_id")),
                document.getString("email"),
                document.getString("name"),
                document.getString("passwordHash"),
                new OrganisationId(document.getString("organisationId")),
                roles,
                document.getBoolean("enabled", true),
                created);
    }
}
