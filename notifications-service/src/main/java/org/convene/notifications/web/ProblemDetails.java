package org.convene.notifications.web;

import org.convene.notifications.newsletter.domain.NewsletterNotFound;
import org.convene.notifications.newsletter.domain.NewsletterStateConflict;
import org.convene.notifications.newsletter.domain.NoAddressForTest;
import org.convene.notifications.subscription.domain.SubscriptionEnded;
import org.convene.notifications.subscription.domain.SubscriptionNotFound;
import org.convene.notifications.subscription.domain.UnknownOrganisation;
import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** notifications-service's errors as problem details, one type per kind; the shared kinds come from service-support. */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
// After the features' own advice (the webhook API's), which answers their controllers' refusals first.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ProblemDetails extends ProblemDetailsSupport {

    @ExceptionHandler(SubscriptionNotFound.class)
    ProblemDetail subscriptionNotFound(SubscriptionNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Link not valid", e.getMessage());
    }

    @ExceptionHandler(SubscriptionEnded.class)
    ProblemDetail subscriptionEnded(SubscriptionEnded e) {
        return problem(HttpStatus.GONE, "subscription-ended", "You unsubscribed", e.getMessage());
    }

    @ExceptionHandler(UnknownOrganisation.class)
    ProblemDetail unknownOrganisation(UnknownOrganisation e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Organisation not found", e.getMessage());
    }

    @ExceptionHandler(NewsletterNotFound.class)
    ProblemDetail newsletterNotFound(NewsletterNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Newsletter not found", e.getMessage());
    }

    @ExceptionHandler(NewsletterStateConflict.class)
    ProblemDetail newsletterState(NewsletterStateConflict e) {
        return problem(
                HttpStatus.CONFLICT, "invalid-state", "Not possible in the newsletter's current state", e.getMessage());
    }

    @ExceptionHandler(NoAddressForTest.class)
    ProblemDetail noAddress(NoAddressForTest e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "no-address", "No address for the test", e.getMessage());
    }

    /**
     * Refusals decided before any controller is chosen (no endpoint here answers in a type the request accepts,
     * or reads the type it sent): the advice above is for the API's controllers only, so without this they
     * would fall through to the framework's own error body. They are problem details like every other refusal.
     */
    @RestControllerAdvice
    @Order(Ordered.HIGHEST_PRECEDENCE + 2)
    static class BeforeAnyController {

        @ExceptionHandler({
            org.springframework.web.server.NotAcceptableStatusException.class,
            org.springframework.web.server.UnsupportedMediaTypeStatusException.class
        })
        ProblemDetail refused(org.springframework.web.server.ResponseStatusException e) {
            var status = HttpStatus.valueOf(e.getStatusCode().value());
            return problem(
                    status,
                    status.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    status.getReasonPhrase(),
                    null);
        }
    }
}
