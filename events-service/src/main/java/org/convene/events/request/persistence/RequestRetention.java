package org.convene.events.request.persistence;

import java.time.Duration;
import org.convene.events.request.domain.BookingRequestService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Requests' personal data is kept a configurable time after they close (declined or scheduled; a year
 * by default), then erased, as if the requester had asked. Scheduled in RequestsConfiguration.
 */
@Component
public class RequestRetention {

    private static final Duration ROUND_LIMIT = Duration.ofMinutes(5);

    private final BookingRequestService requests;
    private final Duration keepFor;

    RequestRetention(BookingRequestService requests, @Value("${convene.requests.retention:365d}") Duration keepFor) {
        this.requests = requests;
        this.keepFor = keepFor;
    }

    public Mono<Void> run() {
        return requests.enforceRetention(keepFor).timeout(ROUND_LIMIT);
    }
}
