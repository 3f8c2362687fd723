package org.convene.support.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The RFC 9457 handling every service shares: invalid fields listed by name, unreadable bodies
 * explained without the parser's words, framework statuses without internals, and a plain 500.
 * A service's own handler extends this and adds its domain's errors; messages are ours, never the
 * framework's, so no internals leak.
 */
public abstract class ProblemDetailsSupport {

    public static final String TYPES = "https://convene.dev/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsSupport.class);

    public record FieldError(
            @Nullable String field, @Nullable String message) {}

    @ExceptionHandler(WebExchangeBindException.class)
    public ProblemDetail invalidFields(WebExchangeBindException e) {
        return invalidRequest(e.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList());
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    public ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        var errors = new ArrayList<FieldError>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return invalidRequest(errors);
    }

    /**
     * A query parameter or path variable out of range, checked by method validation on a controller
     * ({@code @Min}, {@code @Max} on a {@code @RequestParam}): the parameter is named, as for a body field.
     */
    @ExceptionHandler(jakarta.validation.ConstraintViolationException.class)
    public ProblemDetail invalidConstraints(jakarta.validation.ConstraintViolationException e) {
        var errors = e.getConstraintViolations().stream()
                .map(violation -> {
                    String field = null;
                    for (var node : violation.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new FieldError(field == null ? "request" : field, violation.getMessage());
                })
                .sorted(java.util.Comparator.comparing(FieldError::field))
                .toList();
        return invalidRequest(errors);
    }

    @ExceptionHandler(ServerWebInputException.class)
    public ProblemDetail unreadable(ServerWebInputException e) {
        // Name the field when the body could not be read, without repeating the parser's message.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof tools.jackson.core.exc.StreamReadException read
                    && read.getOriginalMessage() != null
                    && read.getOriginalMessage().startsWith("Duplicate")) {
                return invalidRequest(List.of(new FieldError("body", "names a field more than once")));
            }
            if (cause instanceof UnrecognizedPropertyException unknown) {
                return invalidRequest(
                        List.of(new FieldError(unknown.getPropertyName(), "is not a field of this request")));
            }
            if (cause instanceof DatabindException databind
                    && !databind.getPath().isEmpty()) {
                var field = databind.getPath().stream()
                        .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                        .orElse("body");
                return invalidRequest(List.of(new FieldError(field, "has a value of the wrong type or format")));
            }
        }
        if (e.getMethodParameter() != null
                && e.getMethodParameter().getParameterName() != null
                && !(e.getCause() instanceof DecodingException)) {
            return invalidRequest(List.of(new FieldError(
                    e.getMethodParameter().getParameterName(), "has a value of the wrong type or format")));
        }
        return invalidRequest(List.of(new FieldError("body", "is not valid JSON for this request")));
    }

    @ExceptionHandler(ResponseStatusException.class)
    public ProblemDetail status(ResponseStatusException e) {
        var status = e.getStatusCode();
        var known = HttpStatus.resolve(status.value());
        var title = known == null ? "Request failed" : known.getReasonPhrase();
        // Our own reasons are written for people; the framework's may name classes, so they are dropped.
        var detail = e.getReason() != null && e.getClass() == ResponseStatusException.class ? e.getReason() : null;
        return problem(status, slug(status), title, detail);
    }

    @ExceptionHandler(Exception.class)
    public ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side",
                "Please try again. If it keeps happening, contact the organiser.");
    }

    protected static ProblemDetail invalidRequest(Map<String, String> fieldErrors) {
        return invalidRequest(fieldErrors.entrySet().stream()
                .map(entry -> new FieldError(entry.getKey(), entry.getValue()))
                .toList());
    }

    protected static ProblemDetail invalidRequest(List<FieldError> errors) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "The request has mistakes",
                "Please correct the fields listed in errors; nothing was saved.");
        problem.setProperty("errors", errors);
        return problem;
    }

    protected static ProblemDetail problem(HttpStatusCode status, String kind, String title, @Nullable String detail) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPES + kind));
        problem.setTitle(title);
        if (detail != null) {
            problem.setDetail(detail);
        }
        return problem;
    }

    private static String slug(HttpStatusCode status) {
        var known = HttpStatus.resolve(status.value());
        return known == null
                ? "http-" + status.value()
                : known.name().toLowerCase().replace('_', '-');
    }
}
