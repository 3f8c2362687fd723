package org.convene.web.page;

import org.convene.web.api.ApiProblem;
import org.convene.web.api.ServiceCalls.ServiceUnavailable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Errors as pages written for people: what happened and what to do next. Nothing of the framework's
 * or the services' internals is shown; the request id is, so a problem can be reported and found.
 */
@ControllerAdvice
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, Model model, ServerWebExchange exchange) {
        if (problem.isNotFound()) {
            return page(
                    exchange,
                    model,
                    HttpStatus.NOT_FOUND,
                    "We can’t find that page",
                    "The link may be out of date, or the page may have been removed.");
        }
        if (problem.status() == 401 || problem.status() == 403) {
            return page(
                    exchange,
                    model,
                    HttpStatus.FORBIDDEN,
                    "You can’t see this page",
                    "Sign in as an organiser of this organisation to see it.");
        }
        if (problem.status() == 429) {
            return page(
                    exchange,
                    model,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Please wait a moment",
                    "There have been a lot of requests from your connection. Wait a minute and try again.");
        }
        log.warn("A service refused a page's request: {} {}", problem.status(), problem.kind());
        return page(
                exchange,
                model,
                HttpStatus.BAD_REQUEST,
                "That didn’t work",
                problem.detail() != null ? problem.detail() : "Please go back and try again.");
    }

    @ExceptionHandler(ServiceUnavailable.class)
    String unavailable(Model model, ServerWebExchange exchange) {
        return page(
                exchange,
                model,
                HttpStatus.SERVICE_UNAVAILABLE,
                "Sorry, this isn’t working right now",
                "Part of the service is not answering. Nothing was changed. Please try again in a few minutes.");
    }

    /** The framework's own refusals (no such page or file, a method not allowed), in plain words. */
    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, Model model, ServerWebExchange exchange) {
        if (e.getStatusCode().value() == 404) {
            return page(
                    exchange,
                    model,
                    HttpStatus.NOT_FOUND,
                    "We can’t find that page",
                    "Check the address, or find a workshop from the list.");
        }
        var status = HttpStatus.resolve(e.getStatusCode().value());
        return page(
                exchange,
                model,
                status == null ? HttpStatus.BAD_REQUEST : status,
                "That didn’t work",
                "Please go back and try again.");
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, ServerWebExchange exchange) {
        log.error("A page failed", e);
        return page(
                exchange,
                model,
                HttpStatus.INTERNAL_SERVER_ERROR,
                "Sorry, something went wrong",
                "Please try again. If it keeps happening, contact the organiser.");
    }

    private static String page(ServerWebExchange exchange, Model model, HttpStatus status, String title, String text) {
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("title", title);
        model.addAttribute("text", text);
        model.addAttribute("requestId", exchange.getRequest().getHeaders().getFirst("X-Request-Id"));
        return "error";
    }
}
