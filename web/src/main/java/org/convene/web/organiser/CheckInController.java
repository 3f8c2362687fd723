package org.convene.web.organiser;

import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.EventsClient;
import org.convene.web.api.Registrations.Attendee;
import org.convene.web.api.Registrations.CheckedIn;
import org.convene.web.api.RegistrationsClient;
import org.convene.web.api.ServiceCalls.ServiceUnavailable;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The organiser's check-in page at the door (issue 22): the people booked, each checked in by name, and
 * check-in by the code on a person's booking page, typed into the form (works without script) or
 * scanned with the device's camera by {@code check-in.js}, which posts to {@link #checkInByCodeJson} and
 * keeps what it could not send in the browser until the connection comes back. Words come from the
 * {@code i18n/check-in} bundle in the organiser's language.
 */
@Controller
class CheckInController {

    /** As registrations-service accepts them; anything else is refused here, before any call. */
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,100}");

    static final String PROBLEMS = "https://convene.dev/problems/";

    private final EventsClient events;
    private final RegistrationsClient registrations;
    private final MessageSource messages;

    CheckInController(EventsClient events, RegistrationsClient registrations, MessageSource messages) {
        this.events = events;
        this.registrations = registrations;
        this.messages = messages;
    }

    @GetMapping("/organiser/events/{id}/check-in")
    Mono<String> checkInList(@PathVariable String id, Model model) {
        return checkInPage(id, model);
    }

    /**
     * Checks in the person whose code was typed at the door and says who, on the check-in page; a code
     * that names no one here, or someone not confirmed, is said so beside the form.
     */
    @PostMapping("/organiser/events/{id}/check-in/code")
    Mono<String> checkInByCode(@PathVariable String id, ServerWebExchange exchange, Model model) {
        var locale = locale(exchange);
        return exchange.getFormData().flatMap(values -> {
            var typed = values.getFirst("code");
            var code = typed == null ? "" : typed.strip();
            if (code.isEmpty()) {
                model.addAttribute("codeError", text("checkin.result.enterCode", locale));
                exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                return checkInPage(id, model);
            }
            return registrations
                    .checkInByCode(id, code, "ATTENDED")
                    .doOnNext(person -> model.addAttribute("codeResult", said(person, locale)))
                    .then(Mono.defer(() -> checkInPage(id, model)))
                    .onErrorResume(ApiProblem.class, problem -> {
                        model.addAttribute("code", code);
                        model.addAttribute("codeError", refusal(problem, locale));
                        exchange.getResponse().setStatusCode(status(problem));
                        return checkInPage(id, model);
                    });
        });
    }

    /** What the page's script sends: the code alone, never who it names. */
    record CodeRequest(String code) {}

    /**
     * Who was checked in, for the page's script: {@code message} is the sentence to announce, in the
     * organiser's language; {@code alreadyCheckedIn} when the same code came before (a queue sent twice).
     */
    record CheckInAnswer(
            String registrationId,
            String memberId,
            String name,
            String attendance,
            boolean alreadyCheckedIn,
            String message) {}

    /**
     * Check-in by code for the page's script (scanned, or typed with script on): JSON in, JSON or problem
     * details out. Idempotent: the same code again answers 200 with {@code alreadyCheckedIn}. A body that
     * is not a code is 400 and reaches no service; a code that names no one here is 404, someone not
     * confirmed 409, a service not answering 503 (the script keeps the code and tries again).
     */
    @PostMapping(path = "/organiser/events/{id}/check-in/codes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    Mono<ResponseEntity<?>> checkInByCodeJson(
            @PathVariable String id, @RequestBody Mono<CodeRequest> body, ServerWebExchange exchange) {
        var locale = locale(exchange);
        return body.map(request -> request.code() == null ? "" : request.code().strip())
                .onErrorResume(ServerWebInputException.class, e -> Mono.just(""))
                .defaultIfEmpty("")
                .flatMap(code -> {
                    if (code.isEmpty() || !CODE.matcher(code).matches()) {
                        var problem = problem(
                                HttpStatus.BAD_REQUEST,
                                "invalid-request",
                                text("checkin.problem.invalid", locale),
                                text(code.isEmpty() ? "checkin.result.enterCode" : "checkin.result.notACode", locale));
                        problem.setProperty("errors", List.of(Map.of("field", "code", "message", problem.getDetail())));
                        return Mono.just(answer(problem));
                    }
                    return registrations
                            .checkInByCode(id, code, "ATTENDED")
                            .<ResponseEntity<?>>map(person -> ResponseEntity.ok()
                                    .cacheControl(CacheControl.noStore())
                                    .body(new CheckInAnswer(
                                            person.registrationId(),
                                            person.memberId(),
                                            person.name(),
                                            person.attendance(),
                                            person.wasAlreadyMarked(),
                                            said(person, locale))))
                            .onErrorResume(ApiProblem.class, refused -> Mono.just(answer(problemFor(refused, locale))))
                            .onErrorResume(
                                    ServiceUnavailable.class,
                                    unavailable -> Mono.just(answer(problem(
                                            HttpStatus.SERVICE_UNAVAILABLE,
                                            "service-unavailable",
                                            text("checkin.problem.unavailable", locale),
                                            text("checkin.result.unavailable", locale)))));
                });
    }

    private ProblemDetail problemFor(ApiProblem refused, Locale locale) {
        if (refused.isNotFound() || refused.status() == 400) {
            return problem(
                    HttpStatus.NOT_FOUND,
                    "unknown-check-in-code",
                    text("checkin.problem.unknown", locale),
                    text("checkin.result.unknown", locale));
        }
        if (refused.status() == 409) {
            return problem(
                    HttpStatus.CONFLICT,
                    "not-confirmed",
                    text("checkin.problem.notConfirmed", locale),
                    text("checkin.result.notConfirmed", locale));
        }
        if (refused.status() == 401 || refused.status() == 403) {
            return problem(
                    HttpStatus.FORBIDDEN,
                    "forbidden",
                    text("checkin.problem.forbidden", locale),
                    text("checkin.result.forbidden", locale));
        }
        if (refused.status() == 429) {
            return problem(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "too-many-requests",
                    text("checkin.problem.unavailable", locale),
                    text("checkin.result.unavailable", locale));
        }
        return problem(
                HttpStatus.BAD_GATEWAY,
                "refused",
                text("checkin.problem.refused", locale),
                text("checkin.result.refused", locale));
    }

    private static ProblemDetail problem(HttpStatus status, String kind, String title, String detail) {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(PROBLEMS + kind));
        problem.setTitle(title);
        return problem;
    }

    private static ResponseEntity<?> answer(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .cacheControl(CacheControl.noStore())
                .body(problem);
    }

    private String said(CheckedIn person, Locale locale) {
        return messages.getMessage(
                person.wasAlreadyMarked() ? "checkin.result.already" : "checkin.result.checkedIn",
                new Object[] {person.name()},
                locale);
    }

    /** The words for a refused typed code, as the page says them beside the form. */
    private String refusal(ApiProblem problem, Locale locale) {
        if (problem.isNotFound() || problem.status() == 400) {
            return text("checkin.result.unknown", locale);
        }
        if (problem.status() == 409) {
            return text("checkin.result.notConfirmed", locale);
        }
        return problem.detail() != null ? problem.detail() : text("checkin.result.refused", locale);
    }

    private static HttpStatus status(ApiProblem problem) {
        var status = HttpStatus.resolve(problem.status());
        return status == null ? HttpStatus.BAD_REQUEST : status;
    }

    private String text(String key, Locale locale) {
        return messages.getMessage(key, null, locale);
    }

    private static Locale locale(ServerWebExchange exchange) {
        var locale = exchange.getLocaleContext().getLocale();
        return locale == null ? Locale.UK : locale;
    }

    private Mono<String> checkInPage(String id, Model model) {
        return events.event(id)
                .zipWith(registrations
                        .attendees(id)
                        .onErrorResume(
                                e -> e instanceof ApiProblem problem && problem.isNotFound(),
                                e -> Mono.just(List.of())))
                .doOnNext(found -> {
                    model.addAttribute("event", found.getT1());
                    model.addAttribute(
                            "attendees",
                            found.getT2().stream()
                                    .filter(attendee -> "CONFIRMED".equals(attendee.status()))
                                    .sorted(Comparator.comparing(Attendee::name, String.CASE_INSENSITIVE_ORDER))
                                    .toList());
                })
                .thenReturn("organiser/check-in");
    }
}
