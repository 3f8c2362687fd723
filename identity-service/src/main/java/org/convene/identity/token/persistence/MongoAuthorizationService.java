package org.convene.identity.token.persistence;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.oauth2.core.AbstractOAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Authorizations (codes, access and refresh tokens, the state of a sign-in in progress) in the
 * {@code authorizations} collection, so they survive a restart and every instance sees them.
 *
 * <p>Each authorization is stored whole in Java serialization form, read back through an allow-list
 * filter (only JDK and Spring Security classes), beside SHA-256 hashes of its token values for
 * look-ups: the database never holds a usable token. After an upgrade of Spring Security an old
 * record may no longer read; it is then treated as absent, which means signing in again (ADR 7).
 */
public class MongoAuthorizationService implements OAuth2AuthorizationService {

    static final String COLLECTION = "authorizations";
    private static final Logger log = LoggerFactory.getLogger(MongoAuthorizationService.class);

    private static final ObjectInputFilter ALLOWED = ObjectInputFilter.Config.createFilter(
            "maxdepth=40;maxrefs=10000;maxbytes=1048576;java.base/*;org.springframework.security.**;"
                    + "org.springframework.util.*;!*");

    /** The token kinds looked up by value, with the field holding each one's hash. */
    private enum Field {
        STATE("state"),
        CODE(OAuth2ParameterNames.CODE),
        ACCESS(OAuth2ParameterNames.ACCESS_TOKEN),
        REFRESH(OAuth2ParameterNames.REFRESH_TOKEN),
        ID(OidcParameterNames.ID_TOKEN),
        DEVICE(OAuth2ParameterNames.DEVICE_CODE),
        USER(OAuth2ParameterNames.USER_CODE);

        final String tokenType;

        Field(String tokenType) {
            this.tokenType = tokenType;
        }

        String field() {
            return name().toLowerCase() + "Hash";
        }
    }

    private final MongoTemplate mongo;

    public MongoAuthorizationService(MongoTemplate mongo) {
        this.mongo = mongo;
        for (var field : Field.values()) {
            mongo.indexOps(COLLECTION).createIndex(new Index(field.field(), Sort.Direction.ASC).sparse());
        }
        // Expired authorizations are removed by MongoDB itself (the embedded store keeps them, harmlessly).
        mongo.indexOps(COLLECTION).createIndex(new Index("expiresAt", Sort.Direction.ASC).expire(0));
    }

    @Override
    public void save(OAuth2Authorization authorization) {
        Objects.requireNonNull(authorization, "authorization");
        var document = new Document("_id", authorization.getId())
                .append("registeredClientId", authorization.getRegisteredClientId())
                .append("principalName", authorization.getPrincipalName())
                .append("expiresAt", Date.from(expiry(authorization)))
                .append("data", new Binary(serialize(authorization)));
        String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
        put(document, Field.STATE, state);
        put(document, Field.CODE, value(authorization.getToken(OAuth2AuthorizationCode.class)));
        put(document, Field.ACCESS, value(authorization.getAccessToken()));
        put(document, Field.REFRESH, value(authorization.getRefreshToken()));
        put(document, Field.ID, value(authorization.getToken(OidcIdToken.class)));
        put(
                document,
                Field.DEVICE,
                value(authorization.getToken(org.springframework.security.oauth2.core.OAuth2DeviceCode.class)));
        put(
                document,
                Field.USER,
                value(authorization.getToken(org.springframework.security.oauth2.core.OAuth2UserCode.class)));
        mongo.save(document, COLLECTION);
    }

    @Override
    public void remove(OAuth2Authorization authorization) {
        mongo.remove(Query.query(Criteria.where("_id").is(authorization.getId())), COLLECTION);
    }

    @Override
    public @Nullable OAuth2Authorization findById(String id) {
        return read(mongo.findById(id, Document.class, COLLECTION));
    }

    @Override
    public @Nullable OAuth2Authorization findByToken(String token, @Nullable OAuth2TokenType tokenType) {
        var hash = hash(token);
        List<Criteria> any = new ArrayList<>();
        for (var field : Field.values()) {
            if (tokenType == null || field.tokenType.equals(tokenType.getValue())) {
                any.add(Criteria.where(field.field()).is(hash));
            }
        }
        if (any.isEmpty()) {
            return null;
        }
        var query = Query.query(any.size() == 1 ? any.getFirst() : new Criteria().orOperator(any));
        return read(mongo.findOne(query, Document.class, COLLECTION));
    }

    private @Nullable OAuth2Authorization read(@Nullable Document document) {
        if (document == null) {
            return null;
        }
        var data = document.get("data", Binary.class).getData();
        try (var in = new ObjectInputStream(new ByteArrayInputStream(data))) {
            in.setObjectInputFilter(ALLOWED);
            return (OAuth2Authorization) in.readObject();
        } catch (InvalidClassException | ClassNotFoundException e) {
            log.warn(
                    "Authorization {} was stored by another version and cannot be read; treating it as absent",
                    document.get("_id"));
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read authorization " + document.get("_id"), e);
        }
    }

    private static byte[] serialize(OAuth2Authorization authorization) {
        var bytes = new ByteArrayOutputStream();
        try (var out = new ObjectOutputStream(bytes)) {
            out.writeObject(authorization);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot store authorization " + authorization.getId(), e);
        }
        return bytes.toByteArray();
    }

    /** When nothing in the authorization is usable any more; a sign-in in progress gets an hour. */
    private static Instant expiry(OAuth2Authorization authorization) {
        return Stream.of(
                        authorization.getToken(OAuth2AuthorizationCode.class),
                        authorization.getAccessToken(),
                        authorization.getRefreshToken(),
                        authorization.getToken(OidcIdToken.class))
                .filter(Objects::nonNull)
                .map(OAuth2Authorization.Token::getToken)
                .map(AbstractOAuth2Token::getExpiresAt)
                .filter(Objects::nonNull)
                .max(Instant::compareTo)
                .orElse(Instant.now().plusSeconds(3600));
    }

    private static @Nullable String value(OAuth2Authorization.@Nullable Token<?> token) {
        return token == null ? null : token.getToken().getTokenValue();
    }

    private static void put(Document document, Field field, @Nullable String tokenValue) {
        if (tokenValue != null) {
            document.append(field.field(), hash(tokenValue));
        }
    }

    static String hash(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
