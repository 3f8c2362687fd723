package org.convene.notifications.config;

import com.mongodb.ConnectionString;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.mongodb.autoconfigure.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Every wait on the store is bounded (invariant 7, docs/invariants.md). The Mongo driver waits for an answer forever
 * unless told otherwise, so one silent server would hang the email round that asked. Unless the
 * connection string says {@code socketTimeoutMS} or {@code timeoutMS} itself, a read waits at most
 * {@code convene.mongodb.read-timeout} (default 30 s) and a connection is made within
 * {@code convene.mongodb.connect-timeout} (default 10 s, unless {@code connectTimeoutMS} is given).
 *
 * <p>A read time-out rather than the driver's operation time-out ({@code timeoutMS}): that one
 * bounds a whole cursor's life by default, which would cut a long legitimate scan (planning a
 * newsletter for many subscribers); the read time-out bounds each answer the server owes.
 */
@Configuration(proxyBeanMethods = false)
class MongoTimeouts {

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    MongoClientSettingsBuilderCustomizer boundedMongoWaits(
            MongoConnectionDetails connection,
            @Value("${convene.mongodb.read-timeout:30s}") Duration readTimeout,
            @Value("${convene.mongodb.connect-timeout:10s}") Duration connectTimeout) {
        ConnectionString uri = connection.getConnectionString();
        return settings -> settings.applyToSocketSettings(socket -> {
            if (uri.getSocketTimeout() == null && uri.getTimeout() == null) {
                socket.readTimeout(Math.toIntExact(readTimeout.toMillis()), TimeUnit.MILLISECONDS);
            }
            if (uri.getConnectTimeout() == null) {
                socket.connectTimeout(Math.toIntExact(connectTimeout.toMillis()), TimeUnit.MILLISECONDS);
            }
        });
    }
}
