package org.convene.notifications.newsletter.web;

import org.convene.notifications.newsletter.domain.NewsletterNotFound;
import org.convene.notifications.newsletter.domain.NewsletterStateConflict;
import org.convene.notifications.newsletter.domain.NoAddressForTest;
import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The newsletter API's refusals as problem details, kept with the feature so the service's shared advice
 * need not know its exceptions; the shared kinds come from service-support, as for every controller.
 * Before the shared advice, which would otherwise answer these as unexpected.
 */
@RestControllerAdvice(assignableTypes = NewsletterController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class NewsletterProblems extends ProblemDetailsSupport {

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
}
