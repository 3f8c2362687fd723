package org.convene.gateway.balancing;

import java.time.Duration;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/**
 * The instances of one balanced service, health-checked ({@link InstanceBalancing}). Made in that service's
 * own load-balancer context only, never in the gateway's: not a component, so no scan finds it (with one
 * instance of each service there is no discovery client for it to use).
 */
class HealthCheckedInstances {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(2);

    @Bean
    ServiceInstanceListSupplier readyInstances(ConfigurableApplicationContext context) {
        var http = HttpClient.create()
                .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) CHECK_TIMEOUT.toMillis())
                .responseTimeout(CHECK_TIMEOUT);
        var checks = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .build();
        return ServiceInstanceListSupplier.builder()
                .withDiscoveryClient()
                .withHealthChecks(checks)
                .build(context);
    }
}
