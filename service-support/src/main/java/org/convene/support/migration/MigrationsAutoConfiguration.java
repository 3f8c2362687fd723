package org.convene.support.migration;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Runs the service's {@link Migration} beans at start-up, before it reports ready: Boot marks a
 * service ready only after its application runners have returned.
 */
@AutoConfiguration
@ConditionalOnClass(value = ReactiveMongoTemplate.class, name = "reactor.core.publisher.Mono")
@ConditionalOnBean(Migration.class)
public class MigrationsAutoConfiguration {

    @Bean
    Migrations migrations(ReactiveMongoTemplate mongo, List<Migration> migrations, ObjectProvider<Clock> clock) {
        return new Migrations(mongo, migrations, clock.getIfAvailable(Clock::systemUTC), Duration.ofSeconds(60));
    }

    @Bean
    ApplicationRunner migrateBeforeServing(Migrations migrations) {
        // Start-up, not a request: waiting here is what keeps the service unready until its data is current.
        return arguments -> migrations.run(Duration.ofMinutes(10)).block();
    }
}
