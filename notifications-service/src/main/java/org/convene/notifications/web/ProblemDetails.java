package org.convene.notifications.web;

import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * notifications-service's errors as problem details, one type per kind; the shared kinds come from service-support.
 * Each feature's own refusals are answered by its own advice beside its controller.
 */
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
// After the features' own advice (webhook, newsletter, subscription), which answers their controllers' refusals first.
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ProblemDetails extends ProblemDetailsSupport {

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
