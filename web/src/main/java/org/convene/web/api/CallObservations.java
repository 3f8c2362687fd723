package org.convene.web.api;

import io.micrometer.common.KeyValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.ClientRequestObservationConvention;
import org.springframework.web.reactive.function.client.DefaultClientRequestObservationConvention;

/**
 * The traces of the pages' calls to the services name each call's address without its query: a query can
 * carry an invitation code (ADR 13), which must not leave the pages in a span. Metrics name the call by
 * its template ({@code /api/events/{id}?invitation={invitation}}), as before.
 */
@Configuration(proxyBeanMethods = false)
class CallObservations {

    @Bean
    ClientRequestObservationConvention callsWithoutQueries() {
        return new WithoutQueries();
    }

    static final class WithoutQueries extends DefaultClientRequestObservationConvention {

        @Override
        protected KeyValue httpUrl(ClientRequestObservationContext context) {
            var url = super.httpUrl(context);
            var query = url.getValue().indexOf('?');
            return query < 0 ? url : KeyValue.of(url.getKey(), url.getValue().substring(0, query));
        }
    }
}
