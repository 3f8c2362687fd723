package org.convene.events.web;

import org.convene.events.event.domain.EventNotFound;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.EventStateConflict;
import org.convene.events.event.domain.InvitationNotFound;
import org.convene.events.event.domain.OrganisationAccessDenied;
import org.convene.events.event.domain.VersionConflict;
import org.convene.events.organisation.domain.OrganisationAlreadyExists;
import org.convene.events.organisation.domain.OrganisationNotFound;
import org.convene.events.request.domain.RequestNotFound;
import org.convene.events.request.domain.RequestStateConflict;
import org.convene.support.web.ProblemDetailsSupport;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

/** events-service's errors as problem details, one type per kind; the shared kinds come from service-support. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class ProblemDetails extends ProblemDetailsSupport {

    @ExceptionHandler(EventRuleViolation.class)
    ProblemDetail ruleViolation(EventRuleViolation e) {
        return invalidRequest(e.fieldErrors());
    }

    @ExceptionHandler(EventNotFound.class)
    ProblemDetail notFound(EventNotFound e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Event not found", "There is no event with this id.");
    }

    @ExceptionHandler(InvitationNotFound.class)
    ProblemDetail invitationNotFound(InvitationNotFound e) {
        return problem(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Invitation not found",
                "This event has no invitation with this id.");
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

    @ExceptionHandler(RequestNotFound.class)
    ProblemDetail requestNotFound(RequestNotFound e) {
        return problem(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Booking request not found",
                "This organisation has no booking request with this id.");
    }

    @ExceptionHandler(RequestStateConflict.class)
    ProblemDetail requestStateConflict(RequestStateConflict e) {
        return problem(
                HttpStatus.CONFLICT, "invalid-state", "Not possible in the request's current status", e.getMessage());
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
}
