package org.convene.gateway.balancing;

import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClients;
import org.springframework.context.annotation.Configuration;

/**
 * How a route to {@code lb://<service>} picks an instance (several replicas, ADR 18): round robin over the
 * instances the discovery client lists (the launcher's list, spring.cloud.discovery.client.simple), leaving
 * out each one whose readiness ({@code spring.cloud.loadbalancer.health-check.path}) does not answer 200.
 * Spring Cloud's own {@code health-check} configuration wants a {@code WebClient.Builder} bean, which Boot 4
 * no longer makes without its separate WebClient module; the check gets a client of its own here, with
 * time-outs, so a hung instance counts as not ready instead of holding the check up.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClients(defaultConfiguration = HealthCheckedInstances.class)
public class InstanceBalancing {}
