package org.convene.notifications.subscription.web;

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

/**
 * The subscription API's refusals as problem details, kept with the feature so the service's shared advice
 * need not know its exceptions; the shared kinds come from service-support, as for every controller.
 * Before the shared advice, which would otherwise answer these as unexpected. The HTML pages answer with
 * pages of their own.
 */
@RestControllerAdvice(assignableTypes = SubscriptionController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class SubscriptionProblems extends ProblemDetailsSupport {

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
}
