package org.convene.events.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.convene.events.event.domain.EventNotFound;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.EventStateConflict;
import org.convene.events.event.domain.OrganisationAccessDenied;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.OrganisationAlreadyExists;
import org.convene.events.organisation.domain.OrganisationNotFound;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error as an RFC 9457 problem detail with a type per kind of error. Field problems are
 * listed by field; messages are ours, never the framework's, so no internals leak.
 */
@RestControllerAdvice
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetails {

    static final String TYPES = "https://convene.dev/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    public record FieldError(String field, String message) {}

    @ExceptionHandler(WebExchangeBindException.class)
    ProblemDetail invalidFields(WebExchangeBindException e) {
        var errors = e.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        return invalidRequest(errors);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        var errors = new ArrayList<FieldError>();
        e.getParameterValidationResults()
                .forEach(result -> result.getResolvableErrors()
                        .forEach(error -> errors.add(new FieldError(
                                result.getMethodParameter().getParameterName(), error.getDefaultMessage()))));
        return invalidRequest(errors);
    }

    @ExceptionHandler(EventRuleViolation.class)
    ProblemDetail ruleViolation(EventRuleViolation e) {
        return invalidRequest(e.fieldErrors().entrySet().stream()
                .map(entry -> new FieldError(entry.getKey(), entry.getValue()))
                .toList());
    }

    @ExceptionHandler(ServerWebInputException.class)
    ProblemDetail unreadable(ServerWebInputException e) {
        // Name the field when the body could not be read, without repeating the parser's message.
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
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

    @ExceptionHandler(EventNotFound.class)
    ProblemDetail notFound(EventNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Event not found", "There is no event with this id.");
    }

    @ExceptionHandler(OrganisationNotFound.class)
    ProblemDetail organisationNotFound(OrganisationNotFound e) {
        return problem(
                HttpStatus.NOT_FOUND, "not-found", "Organisation not found", "There is no organisation with this id.");
    }

    @ExceptionHandler(OrganisationAlreadyExists.class)
    ProblemDetail organisationExists(OrganisationAlreadyExists e) {
        return problem(HttpStatus.CONFLICT, "already-exists", "Organisation already exists", e.getMessage());
    }

    @ExceptionHandler(EventStateConflict.class)
    ProblemDetail stateConflict(EventStateConflict e) {
        return problem(
                HttpStatus.CONFLICT, "invalid-state", "Not possible in the event's current state", e.getMessage());
    }

    @ExceptionHandler(VersionConflict.class)
    ProblemDetail versionConflict(VersionConflict e, ServerWebExchange exchange) {
        var conditional = exchange.getRequest().getHeaders().containsHeader(HttpHeaders.IF_MATCH);
        return problem(
                conditional ? HttpStatus.PRECONDITION_FAILED : HttpStatus.CONFLICT,
                "edit-conflict",
                "Someone else changed this first",
                "It changed since you read it. Load it again, check the changes, then retry.");
    }

    @ExceptionHandler(OrganisationAccessDenied.class)
    ProblemDetail otherOrganisation(OrganisationAccessDenied e) {
        return problem(HttpStatus.FORBIDDEN, "forbidden", "Not your organisation", e.getMessage());
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail status(ResponseStatusException e) {
        var status = e.getStatusCode();
        var known = HttpStatus.resolve(status.value());
        var title = known == null ? "Request failed" : known.getReasonPhrase();
        // Our own reasons are written for people; the framework's may name classes, so they are dropped.
        var detail = e.getReason() != null && e.getClass() == ResponseStatusException.class ? e.getReason() : null;
        return problem(status, slug(status), title, detail);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side",
                "Please try again. If it keeps happening, contact the organiser.");
    }

    private static ProblemDetail invalidRequest(List<FieldError> errors) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "The request has mistakes",
                "Please correct the fields listed in errors; nothing was saved.");
        problem.setProperty("errors", errors);
        return problem;
    }

    static ProblemDetail problem(HttpStatusCode status, String kind, String title, String detail) {
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
