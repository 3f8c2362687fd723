package org.convene.gateway.openapi;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The aggregated OpenAPI document; Swagger UI at {@code /swagger-ui.html} shows it. */
@RestController
class ApiDocsController {

    private final ApiDocsAggregator aggregator;

    ApiDocsController(ApiDocsAggregator aggregator) {
        this.aggregator = aggregator;
    }

    @GetMapping(value = ApiDocsAggregator.DOCS_PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> apiDocs() {
        return aggregator
                .document()
                .map(document -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noCache())
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(document));
    }
}
