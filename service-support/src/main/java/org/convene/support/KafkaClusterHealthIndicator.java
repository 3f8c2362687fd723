package org.convene.support;

import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractReactiveHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import reactor.core.publisher.Mono;

/** Ready only while the broker answers: a service that cannot publish or consume should not take traffic. */
public class KafkaClusterHealthIndicator extends AbstractReactiveHealthIndicator implements DisposableBean {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final Admin admin;

    public KafkaClusterHealthIndicator(Admin admin) {
        super("Kafka cluster not reachable");
        this.admin = admin;
    }

    @Override
    protected Mono<Health> doHealthCheck(Health.Builder builder) {
        var options = new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis());
        return Mono.fromCompletionStage(admin.describeCluster(options).nodes().toCompletionStage())
                .map(nodes -> builder.up().withDetail("nodes", nodes.size()).build())
                .timeout(TIMEOUT.plusSeconds(1));
    }

    @Override
    public void destroy() {
        admin.close(Duration.ofSeconds(2));
    }
}
