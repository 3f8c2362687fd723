package org.convene.notifications.webhook.web;

import java.util.Map;
import org.convene.notifications.webhook.domain.TooManyWebhookEndpoints;
import org.convene.notifications.webhook.domain.WebhookDeliveryNotFound;
import org.convene.notifications.webhook.domain.WebhookEndpointNotFound;
import org.convene.notifications.webhook.domain.WebhookUrlRefused;
import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The webhook API's refusals as problem details, kept with the feature so the service's shared advice
 * need not know its exceptions; the shared kinds come from service-support, as for every controller.
 * Before the shared advice, which would otherwise answer these as unexpected.
 */
@RestControllerAdvice(assignableTypes = WebhookController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems extends ProblemDetailsSupport {

    @ExceptionHandler(WebhookEndpointNotFound.class)
    ProblemDetail webhookEndpointNotFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Webhook endpoint not found", e.getMessage());
    }

    @ExceptionHandler(WebhookDeliveryNotFound.class)
    ProblemDetail webhookDeliveryNotFound(RuntimeException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Webhook delivery not found", e.getMessage());
    }

    @ExceptionHandler(TooManyWebhookEndpoints.class)
    ProblemDetail tooManyWebhookEndpoints(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "too-many-webhook-endpoints", "Too many webhook endpoints", e.getMessage());
    }

    /** A URL webhooks may not call (scheme, host, or an address it resolves to): a field error on {@code url}. */
    @ExceptionHandler(WebhookUrlRefused.class)
    ProblemDetail webhookUrlRefused(RuntimeException e) {
        return invalidRequest(Map.of("url", String.valueOf(e.getMessage())));
    }
}
