package org.convene.identity.client.persistence;

import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.client.domain.ApiClient;
import org.convene.identity.client.domain.ApiClients;
import org.convene.identity.client.domain.ClientId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** API clients in {@code api_clients}, keyed by client id. */
@Repository
class MongoApiClients implements ApiClients {

    static final String COLLECTION = "api_clients";

    private final MongoTemplate mongo;

    MongoApiClients(MongoTemplate mongo) {
        this.mongo = mongo;
        mongo.indexOps(COLLECTION).createIndex(new Index("organisationId", Sort.Direction.ASC));
    }

    @Override
    public boolean insert(ApiClient client) {
        try {
            mongo.insert(
                    new Document("_id", client.clientId().value())
                            .append("name", client.name())
                            .append("organisationId", client.organisationId().value())
                            .append("secretHash", client.secretHash())
                            .append("createdAt", Date.from(client.createdAt()))
                            .append("createdBy", client.createdBy()),
                    COLLECTION);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    @Override
    public void updateSecretHash(ClientId clientId, String secretHash) {
        mongo.updateFirst(
                Query.query(Criteria.where("_id").is(clientId.value())),
                Update.update("secretHash", secretHash),
                COLLECTION);
    }

    @Override
    public Optional<ApiClient> findByClientId(ClientId clientId) {
        return Optional.ofNullable(mongo.findById(clientId.value(), Document.class, COLLECTION))
                .map(MongoApiClients::client);
    }

    @Override
    public List<ApiClient> findByOrganisation(OrganisationId organisationId) {
        return mongo
                .find(
                        Query.query(Criteria.where("organisationId").is(organisationId.value()))
                                .with(Sort.by("createdAt")),
                        Document.class,
                        COLLECTION)
                .stream()
                .map(MongoApiClients::client)
                .toList();
    }

    @Override
    public boolean delete(OrganisationId organisationId, ClientId clientId) {
        return mongo.remove(
                                Query.query(Criteria.where("_id")
                                        .is(clientId.value())
                                        .and("organisationId")
                                        .is(organisationId.value())),
                                COLLECTION)
                        .getDeletedCount()
                > 0;
    }

    private static ApiClient client(Document document) {
        return new ApiClient(
                new ClientId(document.getString("_id")),
                document.getString("name"),
                new OrganisationId(document.getString("organisationId")),
                document.getString("secretHash"),
                document.getDate("createdAt").toInstant(),
                document.getString("createdBy"));
    }
}
