package org.convene.registrations.web;

import org.convene.registrations.registration.domain.AlreadyRegistered;
import org.convene.registrations.registration.domain.InvalidRegistration;
import org.convene.registrations.registration.domain.NotFound;
import org.convene.registrations.registration.domain.RegistrationRefused;
import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** registrations-service's errors as problem details; the shared kinds come from service-support. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetails extends ProblemDetailsSupport {

    @ExceptionHandler(InvalidRegistration.class)
    ProblemDetail invalid(InvalidRegistration e) {
        return invalidRequest(e.fieldErrors());
    }

    /** Unknown events, unknown registrations and guessed manage links all look the same. */
    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "There is nothing here.");
    }

    @ExceptionHandler(RegistrationRefused.class)
    ProblemDetail refused(RegistrationRefused e) {
        return problem(HttpStatus.CONFLICT, "registration-closed", "Registration is not possible", e.getMessage());
    }

    @ExceptionHandler(AlreadyRegistered.class)
    ProblemDetail alreadyRegistered(AlreadyRegistered e) {
        var problem = problem(
                HttpStatus.CONFLICT,
                "already-registered",
                "Already registered",
                "This person is already registered for this event. Use the link in the confirmation email to"
                        + " change or cancel it.");
        problem.setProperty("registrationId", e.registrationId());
        return problem;
    }
}
