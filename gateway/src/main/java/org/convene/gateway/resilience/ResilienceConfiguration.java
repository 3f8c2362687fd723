package org.convene.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.convene.gateway.edge.EdgeProperties;
import org.springframework.cloud.circuitbreaker.resilience4j.ReactiveResilience4JCircuitBreakerFactory;
import org.springframework.cloud.circuitbreaker.resilience4j.Resilience4JConfigBuilder;
import org.springframework.cloud.client.circuitbreaker.Customizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Each route's circuit breaker (named after the route by the CircuitBreaker default filter) gets the
 * shared breaker settings. Its time limit is not a Resilience4j time limiter (off:
 * {@code spring.cloud.circuitbreaker.resilience4j.disable-time-limiter}) but the HTTP client's
 * response timeout for the route ({@link RouteResponseTimeouts}); a time-out fails the call all the
 * same. A slow service uses up only its own route's time; its open circuit answers at once.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

    @Bean
    Customizer<ReactiveResilience4JCircuitBreakerFactory> perRouteCircuitBreakers(EdgeProperties properties) {
        var breaker = properties.circuitBreaker();
        var circuitBreakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(breaker.slidingWindow())
                .minimumNumberOfCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .waitDurationInOpenState(breaker.openFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        return factory -> factory.configureDefault(id -> new Resilience4JConfigBuilder(id)
                .circuitBreakerConfig(circuitBreakerConfig)
                .build());
    }
}
