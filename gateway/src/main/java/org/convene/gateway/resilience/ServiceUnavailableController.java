package org.convene.gateway.resilience;

import java.util.concurrent.TimeoutException;
import org.convene.gateway.edge.LogContext;
import org.convene.gateway.edge.Problems;
import org.convene.gateway.edge.RequestIdFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

/**
 * Where a route's circuit breaker sends a request that failed (the service did not answer in time,
 * refused the connection, answered 502/503/504) or was not tried because the circuit is open. The
 * client gets 503 problem details that name nothing behind the gateway; the log gets the reason.
 */
@RestController
class ServiceUnavailableController {

    private static final Logger log = LoggerFactory.getLogger(ServiceUnavailableController.class);

    /** A route's time limit ran out: the HTTP client's read time-out, or a time-out from elsewhere. */
    private static boolean timedOut(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    @RequestMapping("/gateway/unavailable")
    ResponseEntity<ProblemDetail> unavailable(ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        if (failure == null) {
            // Only ever reached by forwarding from a route, never asked for directly.
            return ResponseEntity.notFound().build();
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        var routeId = route == null ? "unknown" : route.getId();
        try (var ignored = LogContext.of(exchange)) {
            if (timedOut(failure)) {
                log.warn("Route {} did not answer in time", routeId);
            } else {
                log.warn("Route {} is unavailable: {}", routeId, String.valueOf(failure));
            }
        }
        var problem = Problems.problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "service-unavailable",
                "Service unavailable",
                "This part of Convene is not answering right now. Please try again in a moment.",
                RequestIdFilter.of(exchange));
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(problem);
    }
}
