package org.convene.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * identity-service's errors as RFC 9457 problem details, with the same types and wording as the
 * other services (service-support's ProblemDetailsSupport, which is for WebFlux; this service is a
 * servlet application, ADR 7). Messages are ours, never the framework's. A feature's own errors are
 * mapped by its web package with these helpers (as {@code account/web/AccountProblems}), so this one
 * depends on no feature.
 */
@RestControllerAdvice
public class ProblemDetails {

    public static final String TYPES = "https://convene.dev/problems/";
    private static final Logger log = LoggerFactory.getLogger(ProblemDetails.class);

    public record FieldError(String field, @Nullable String message) {}

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidFields(MethodArgumentNotValidException e) {
        return invalidRequest(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList());
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return invalidRequest(List.of(new FieldError("body", "is not valid JSON for this request")));
    }

    @ExceptionHandler(ResponseStatusException.class)
    ProblemDetail status(ResponseStatusException e) {
        var known = HttpStatus.resolve(e.getStatusCode().value());
        var kind = known == null
                ? "http-" + e.getStatusCode().value()
                : known.name().toLowerCase().replace('_', '-');
        return problem(
                e.getStatusCode(),
                known == HttpStatus.FORBIDDEN ? "forbidden" : kind,
                known == null ? "Request failed" : known.getReasonPhrase(),
                e.getReason());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ProblemDetail notFound(NoResourceFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not Found", null);
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

    public static ProblemDetail invalidRequest(List<FieldError> errors) {
        var problem = problem(
                HttpStatus.BAD_REQUEST,
                "invalid-request",
                "The request has mistakes",
                "Please correct the fields listed in errors; nothing was saved.");
        problem.setProperty("errors", errors);
        return problem;
    }

    public static ProblemDetail problem(HttpStatusCode status, String kind, String title, @Nullable String detail) {
        var problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(TYPES + kind));
        problem.setTitle(title);
        if (detail != null) {
            problem.setDetail(detail);
        }
        return problem;
    }

    /** The security filters' refusals, written in the same shape (they run before any controller). */
    public static void unauthenticated(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        write(response, HttpStatus.UNAUTHORIZED, "unauthenticated", "Sign in as an organiser to do this.");
    }

    public static void forbidden(HttpServletRequest request, HttpServletResponse response, Exception e)
            throws IOException {
        write(response, HttpStatus.FORBIDDEN, "forbidden", "You may not do this.");
    }

    private static void write(HttpServletResponse response, HttpStatus status, String kind, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.getOutputStream().write("""
                        {"type":"%s%s","title":"%s","status":%d,"detail":"%s"}""".formatted(TYPES, kind, status.getReasonPhrase(), status.value(), detail)
                .getBytes(StandardCharsets.UTF_8));
    }
}
