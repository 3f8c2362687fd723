package org.convene.gateway.security;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveRedisTemplate;
import org.springframework.data.redis.serializer.JdkSerializationRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.config.annotation.web.server.EnableSpringWebSession;
import org.springframework.session.data.mongo.JdkMongoSessionConverter;
import org.springframework.session.data.mongo.ReactiveMongoSessionRepository;
import org.springframework.session.data.redis.ReactiveRedisSessionRepository;

/**
 * Where the browser's signed-in session (its tokens, ADR 7) lives when several gateways serve the same
 * browsers (ADR 18): {@code convene.gateway.session-store} is {@code memory} (one gateway: the default,
 * nothing shared), {@code redis} (Spring Session for Redis, on {@code spring.data.redis}) or {@code mongodb}
 * (Spring Session for MongoDB on {@code spring.mongodb.uri}: the embedded default's store when it runs
 * several replicas). Either shared store lets any gateway serve any browser, and a signed-in organiser
 * stays signed in when the gateway they were using dies.
 */
final class SharedSessions {

    private SharedSessions() {}

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "convene.gateway.session-store", havingValue = "redis")
    @EnableSpringWebSession
    static class InRedis {

        @Bean
        ReactiveRedisSessionRepository sessionRepository(
                ReactiveRedisConnectionFactory connections,
                @Value("${server.reactive.session.timeout:8h}") Duration timeout) {
            var keys = RedisSerializer.string();
            RedisSerializationContext<String, Object> serialization =
                    RedisSerializationContext.<String, Object>newSerializationContext(
                                    new JdkSerializationRedisSerializer(SharedSessions.class.getClassLoader()))
                            .key(keys)
                            .hashKey(keys)
                            .build();
            var sessions = new ReactiveRedisSessionRepository(new ReactiveRedisTemplate<>(connections, serialization));
            sessions.setRedisKeyNamespace("convene:gateway:sessions");
            sessions.setDefaultMaxInactiveInterval(timeout);
            return sessions;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "convene.gateway.session-store", havingValue = "mongodb")
    @EnableSpringWebSession
    static class InMongo {

        /**
         * A client of its own (the gateway has no other use for MongoDB, so no Boot auto-configuration of it),
         * with time-outs: the driver has none by default, and a silent store must not hang a sign-in.
         */
        @Bean(destroyMethod = "close")
        MongoClient sessionStoreClient(@Value("${spring.mongodb.uri}") String uri) {
            return MongoClients.create(MongoClientSettings.builder()
                    .applyConnectionString(new ConnectionString(uri))
                    .timeout(5, TimeUnit.SECONDS)
                    .applyToSocketSettings(
                            socket -> socket.connectTimeout(2, TimeUnit.SECONDS).readTimeout(5, TimeUnit.SECONDS))
                    .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(5, TimeUnit.SECONDS))
                    .build());
        }

        @Bean
        ReactiveMongoSessionRepository sessionRepository(
                MongoClient client,
                @Value("${spring.mongodb.uri}") String uri,
                @Value("${server.reactive.session.timeout:8h}") Duration timeout) {
            var database = new ConnectionString(uri).getDatabase();
            var sessions = new ReactiveMongoSessionRepository(
                    new ReactiveMongoTemplate(client, database == null ? "convene-gateway" : database));
            sessions.setDefaultMaxInactiveInterval(timeout);
            sessions.setMongoSessionConverter(new JdkMongoSessionConverter(timeout));
            return sessions;
        }
    }
}
