package org.convene.support;

import io.opentelemetry.api.baggage.propagation.W3CBaggagePropagator;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * W3C trace context ({@code traceparent}) and baggage propagation even when spans are not exported.
 * Boot 4 propagates only with {@code management.tracing.export.enabled=true}, and Convene exports
 * only where a collector is set up (CONVENE_TRACING_EXPORT): without this, every service started a
 * trace of its own, and a request's log lines in the gateway and the services did not share one
 * trace id. With export on, Boot's own propagation (the same formats) applies.
 */
@AutoConfiguration(
        beforeName =
                "org.springframework.boot.micrometer.tracing.opentelemetry.autoconfigure.OpenTelemetryTracingAutoConfiguration")
@ConditionalOnClass(TextMapPropagator.class)
@ConditionalOnBooleanProperty(name = "management.tracing.export.enabled", havingValue = false)
public class TraceContextAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(TextMapPropagator.class)
    TextMapPropagator traceContextPropagator() {
        return TextMapPropagator.composite(W3CTraceContextPropagator.getInstance(), W3CBaggagePropagator.getInstance());
    }
}
