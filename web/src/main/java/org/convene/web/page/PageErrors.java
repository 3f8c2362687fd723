package org.convene.web.page;

import org.convene.web.api.ApiProblem;
import org.convene.web.api.ServiceCalls.ServiceUnavailable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;

/**
 * Errors as pages written for people: what happened and what to do next. Nothing of the framework's
 * or the services' internals is shown (a service's own sentence about a refusal is); the request id is, so a problem can be reported and found.
 */
@ControllerAdvice
class PageErrors {

    private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

    private final MessageSource messages;

    PageErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiProblem.class)
    String problem(ApiProblem problem, Model model, ServerWebExchange exchange) {
        if (problem.isNotFound()) {
            return page(exchange, model, HttpStatus.NOT_FOUND, "error.gone");
        }
        if (problem.status() == 401 || problem.status() == 403) {
            return page(exchange, model, HttpStatus.FORBIDDEN, "error.forbidden");
        }
        if (problem.status() == 429) {
            return page(exchange, model, HttpStatus.TOO_MANY_REQUESTS, "error.tooMany");
        }
        log.warn("A service refused a page's request: {} {}", problem.status(), problem.kind());
        return page(
                exchange,
                model,
                HttpStatus.BAD_REQUEST,
                "error.refused",
                // The service's own sentence about what it refused (in English, as the APIs write).
                problem.detail());
    }

    @ExceptionHandler(ServiceUnavailable.class)
    String unavailable(Model model, ServerWebExchange exchange) {
        return page(exchange, model, HttpStatus.SERVICE_UNAVAILABLE, "error.unavailable");
    }

    /** The framework's own refusals (no such page or file, a method not allowed), in plain words. */
    @ExceptionHandler(ResponseStatusException.class)
    String status(ResponseStatusException e, Model model, ServerWebExchange exchange) {
        if (e.getStatusCode().value() == 404) {
            return page(exchange, model, HttpStatus.NOT_FOUND, "error.notFound");
        }
        var status = HttpStatus.resolve(e.getStatusCode().value());
        return page(exchange, model, status == null ? HttpStatus.BAD_REQUEST : status, "error.refused");
    }

    @ExceptionHandler(Exception.class)
    String unexpected(Exception e, Model model, ServerWebExchange exchange) {
        log.error("A page failed", e);
        return page(exchange, model, HttpStatus.INTERNAL_SERVER_ERROR, "error.unexpected");
    }

    private String page(ServerWebExchange exchange, Model model, HttpStatus status, String kind) {
        return page(exchange, model, status, kind, null);
    }

    /** The page of that kind ({@code error.gone.title} and {@code .text} in i18n/messages), or its own text. */
    private String page(
            ServerWebExchange exchange, Model model, HttpStatus status, String kind, @Nullable String text) {
        var texts = Texts.of(messages, exchange);
        exchange.getResponse().setStatusCode(status);
        model.addAttribute("title", texts.get(kind + ".title"));
        model.addAttribute("text", text != null ? text : texts.get(kind + ".text"));
        model.addAttribute("requestId", exchange.getRequest().getHeaders().getFirst("X-Request-Id"));
        return "error";
    }
}
