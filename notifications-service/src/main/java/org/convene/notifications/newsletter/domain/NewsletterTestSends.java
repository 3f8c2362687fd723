package org.convene.notifications.newsletter.domain;

import java.time.Instant;
import reactor.core.publisher.Mono;

/** A test copy to the organiser, queued like any other email. */
public interface NewsletterTestSends {
    Mono<Void> send(Newsletter newsletter, String organiserEmail, Instant at);
}
