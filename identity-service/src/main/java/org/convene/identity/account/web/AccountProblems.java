package org.convene.identity.account.web;

import static org.convene.identity.web.ProblemDetails.invalidRequest;
import static org.convene.identity.web.ProblemDetails.problem;

import org.convene.identity.account.domain.EmailAlreadyRegistered;
import org.convene.identity.account.domain.PasswordRejected;
import org.convene.identity.web.ProblemDetails.FieldError;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The account rules' refusals as problem details. Ordered before the shared {@code ProblemDetails}, whose
 * catch-all would otherwise answer them with a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccountProblems {

    @ExceptionHandler(PasswordRejected.class)
    ProblemDetail weakPassword(PasswordRejected e) {
        return invalidRequest(e.reasons().stream()
                .map(reason -> new FieldError("password", reason))
                .toList());
    }

    @ExceptionHandler(EmailAlreadyRegistered.class)
    ProblemDetail emailTaken(EmailAlreadyRegistered e) {
        return problem(HttpStatus.CONFLICT, "already-exists", "Account already exists", e.getMessage());
    }
}
