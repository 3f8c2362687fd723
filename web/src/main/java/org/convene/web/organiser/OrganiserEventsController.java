package org.convene.web.organiser;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.Events.Event;
import org.convene.web.api.EventsClient;
import org.convene.web.api.Registrations.Summary;
import org.convene.web.api.Registrations.SupportPlan;
import org.convene.web.api.RegistrationsClient;
import org.convene.web.config.WebProperties;
import org.convene.web.page.Form;
import org.convene.web.page.Show;
import org.convene.web.page.SignedIn;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Organisers' events: the dashboard, creating and editing, the lifecycle (publish, reschedule,
 * cancel), who is coming and what support they need, check-in at the door and the CSV export. Every
 * call carries the organiser's own token; the services decide what they may see and do.
 */
@Controller
class OrganiserEventsController {

    private final EventsClient events;
    private final RegistrationsClient registrations;
    private final Show show;
    private final URI publicBaseUrl;

    OrganiserEventsController(
            EventsClient events, RegistrationsClient registrations, Show show, WebProperties properties) {
        this.events = events;
        this.registrations = registrations;
        this.show = show;
        this.publicBaseUrl = properties.publicBaseUrl();
    }

    @GetMapping("/organiser")
    Mono<String> dashboard(@AuthenticationPrincipal Jwt jwt, Model model) {
        var organiser = SignedIn.of(jwt);
        return events.organisationEvents(organiser.organisationId())
                .sort(Comparator.comparing(Event::startsAt).reversed())
                .collectList()
                .doOnNext(list -> model.addAttribute("events", list))
                .thenReturn("organiser/dashboard");
    }

    @GetMapping("/organiser/events/new")
    String newEvent(Model model) {
        return form(model, Form.empty(EventForm.LABELS), null);
    }

    @PostMapping("/organiser/events")
    Mono<String> create(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, EventForm.LABELS);
            return events.create(EventForm.request(form))
                    .map(created -> "redirect:/organiser/events/" + created.id() + "?created")
                    .onErrorResume(ApiProblem.class, problem -> refused(exchange, model, form, null, problem));
        });
    }

    @GetMapping("/organiser/events/{id}/edit")
    Mono<String> edit(@PathVariable String id, Model model) {
        return events.event(id).map(event -> form(model, EventForm.of(event, show), event));
    }

    @PostMapping("/organiser/events/{id}")
    Mono<String> update(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, EventForm.LABELS);
            long version = version(values.getFirst("version"));
            return events.event(id)
                    .flatMap(event -> events.update(id, version, EventForm.request(form))
                            .map(updated -> "redirect:/organiser/events/" + id + "?saved")
                            .onErrorResume(
                                    ApiProblem.class, problem -> refused(exchange, model, form, event, problem)));
        });
    }

    @GetMapping("/organiser/events/{id}")
    Mono<String> event(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal Jwt jwt,
            Model model) {
        model.addAttribute("created", params.containsKey("created"));
        model.addAttribute("saved", params.containsKey("saved"));
        model.addAttribute("done", params.getFirst("done"));
        model.addAttribute("accepted", count(params.getFirst("accepted")));
        model.addAttribute("supportNeed", params.getFirst("need"));
        return page(id, model, Form.empty(EventForm.LABELS), Form.empty(InvitationForm.LABELS), jwt)
                .thenReturn("organiser/event");
    }

    /** The registrations part of the event page alone, which the page refreshes while it is open. */
    @GetMapping("/organiser/events/{id}/registrations")
    Mono<String> registrationsPart(@PathVariable String id, Model model) {
        return registrationsOf(id, model).thenReturn("organiser/event :: registrations");
    }

    @PostMapping("/organiser/events/{id}/{action:publish|reschedule|cancel}")
    Mono<String> act(
            @PathVariable String id,
            @PathVariable String action,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, EventForm.LABELS);
            Map<String, Object> body = new LinkedHashMap<>();
            switch (action) {
                case "reschedule" -> {
                    body.put("startsAt", form.trimmed("startsAt"));
                    body.put("endsAt", form.trimmed("endsAt"));
                    body.put("timeZone", form.value("timeZone", "Europe/London"));
                }
                case "cancel" -> body.put("reason", form.trimmed("reason"));
                default -> {}
            }
            return events.act(id, action, version(values.getFirst("version")), body)
                    .map(done -> "redirect:/organiser/events/" + id + "?done=" + action)
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        form.rejectAll(problem.fieldErrors());
                        model.addAttribute("failedAction", action);
                        model.addAttribute("refusal", refusal(problem));
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, form, Form.empty(InvitationForm.LABELS), jwt)
                                .thenReturn("organiser/event");
                    });
        });
    }

    /**
     * The organiser invites a partner organisation (ADR 13): a link to send them, perhaps with places held.
     * The release date is typed in the event's own zone; the API's field errors come back onto the form.
     */
    @PostMapping("/organiser/events/{id}/invitations")
    Mono<String> invite(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, InvitationForm.LABELS);
            return events.event(id)
                    .flatMap(event -> events.invite(id, InvitationForm.request(form, event.timeZone()))
                            .thenReturn("redirect:/organiser/events/" + id + "?done=invite#invitations")
                            .onErrorResume(ApiProblem.class, problem -> {
                                if (problem.isNotFound()) {
                                    return Mono.error(problem);
                                }
                                form.rejectAll(problem.fieldErrors());
                                if (!form.hasErrors()) {
                                    model.addAttribute("refusal", refusal(problem));
                                }
                                exchange.getResponse().setStatusCode(status(problem));
                                return page(id, model, Form.empty(EventForm.LABELS), form, jwt)
                                        .thenReturn("organiser/event");
                            }));
        });
    }

    /** The invitation's link stops working; people who registered with it keep their places. */
    @PostMapping("/organiser/events/{id}/invitations/{invitationId}/revoke")
    Mono<String> revoke(
            @PathVariable String id,
            @PathVariable String invitationId,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        return events.revoke(id, invitationId)
                .thenReturn("redirect:/organiser/events/" + id + "?done=revoke#invitations")
                .onErrorResume(ApiProblem.class, problem -> {
                    if (problem.isNotFound()) {
                        return Mono.error(problem);
                    }
                    model.addAttribute("refusal", refusal(problem));
                    exchange.getResponse().setStatusCode(status(problem));
                    return page(id, model, Form.empty(EventForm.LABELS), Form.empty(InvitationForm.LABELS), jwt)
                            .thenReturn("organiser/event");
                });
    }

    /**
     * The organiser accepts the young people chosen from a waiting group (with its adults) now; the others
     * keep the group's place in the queue. The API decides whether the choice fits; its refusal is shown at
     * the group's form, with the choice kept.
     */
    @PostMapping("/organiser/events/{id}/registrations/{registrationId}/accept-part")
    Mono<String> acceptPart(
            @PathVariable String id,
            @PathVariable String registrationId,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        return exchange.getFormData().flatMap(values -> {
            var chosen = values.getOrDefault("memberIds", List.of()).stream()
                    .filter(value -> value != null && !value.isBlank())
                    .distinct()
                    .toList();
            return registrations
                    .acceptPart(registrationId, chosen)
                    .thenReturn("redirect:/organiser/events/" + id + "?done=accept&accepted=" + chosen.size())
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        var message = problem.fieldErrors().entrySet().stream()
                                .filter(error -> error.getKey().startsWith("memberIds"))
                                .map(error -> WaitingGroups.sentence(error.getValue()))
                                .findFirst()
                                .orElseGet(() -> refusal(problem));
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, Form.empty(EventForm.LABELS), Form.empty(InvitationForm.LABELS), jwt)
                                .then(Mono.fromRunnable(() -> {
                                    @SuppressWarnings("unchecked")
                                    var groups = (List<WaitingGroups.Group>) model.getAttribute("waitingGroups");
                                    if (groups != null
                                            && groups.stream()
                                                    .anyMatch(group -> group.registrationId()
                                                            .equals(registrationId))) {
                                        model.addAttribute(
                                                "acceptRefusal",
                                                new WaitingGroups.Refusal(
                                                        registrationId, message, java.util.Set.copyOf(chosen)));
                                    } else {
                                        // The group no longer waits (someone else accepted it): say so at the top.
                                        model.addAttribute("refusal", message);
                                    }
                                }))
                                .thenReturn("organiser/event");
                    });
        });
    }

    /**
     * The organiser marks a need arranged, or changes its note (issue 19); everyone who asked for it hears
     * once per change. The API's refusal is shown at the need's own form, with the note kept.
     */
    @PostMapping("/organiser/events/{id}/support-plan/arrangements")
    Mono<String> arrange(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.LABELS);
            var need = form.trimmed("need");
            var done = "true".equals(values.getFirst("arranged")) ? "renoted" : "arranged";
            return registrations
                    .arrange(id, need, form.trimmed("note"))
                    .thenReturn(supportDone(id, done, need))
                    .onErrorResume(
                            ApiProblem.class, problem -> supportRefused(id, need, form, problem, jwt, exchange, model));
        });
    }

    /** The need is not arranged after all: it is back on the list to arrange; nobody is emailed. */
    @PostMapping("/organiser/events/{id}/support-plan/arrangements/withdraw")
    Mono<String> withdraw(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.LABELS);
            var need = form.trimmed("need");
            return registrations
                    .withdrawArrangement(id, need)
                    .thenReturn(supportDone(id, "withdrawn", need))
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> supportRefused(
                                    id, need, Form.empty(SupportToArrange.LABELS), problem, jwt, exchange, model));
        });
    }

    /** How many days before the event everything should be arranged; the API says what it allows. */
    @PostMapping("/organiser/events/{id}/support-plan/deadline")
    Mono<String> deadline(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.LABELS);
            return registrations
                    .supportDeadline(id, EventForm.number(form.trimmed("daysBefore")))
                    .thenReturn("redirect:/organiser/events/" + id + "?done=deadline#support-plan")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound() || problem.status() == 401 || problem.status() == 403) {
                            return Mono.error(problem);
                        }
                        if (problem.fieldErrors().isEmpty()) {
                            model.addAttribute("refusal", refusal(problem));
                        } else {
                            form.reject("daysBefore", SupportToArrange.DAYS);
                        }
                        model.addAttribute("deadlineForm", form);
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, Form.empty(EventForm.LABELS), Form.empty(InvitationForm.LABELS), jwt)
                                .thenReturn("organiser/event");
                    });
        });
    }

    private static String supportDone(String id, String done, String need) {
        return "redirect:/organiser/events/" + id + "?done=" + done
                + (need == null ? "" : "&need=" + URLEncoder.encode(need, StandardCharsets.UTF_8)) + "#support-plan";
    }

    /**
     * The API refused a change to a need: a mistake in the note is shown at the note, a need nobody has any
     * more (they changed what they asked for, or cancelled) says so; both at the need's form when it is
     * still on the plan.
     */
    private Mono<String> supportRefused(
            String id, String need, Form form, ApiProblem problem, Jwt jwt, ServerWebExchange exchange, Model model) {
        if (problem.status() == 401 || problem.status() == 403) {
            return Mono.error(problem);
        }
        problem.fieldErrors().forEach((field, message) -> {
            if (field.equals("note")) {
                form.reject(
                        "note",
                        message != null && message.startsWith("size must be between")
                                ? "Keep the note to 300 characters or fewer"
                                : message);
            }
        });
        var message = problem.isNotFound() || problem.fieldErrors().containsKey("need")
                ? SupportToArrange.NOT_A_NEED
                : refusal(problem);
        model.addAttribute("supportRefusal", new SupportToArrange.Refusal(need, form, message));
        exchange.getResponse().setStatusCode(status(problem));
        return page(id, model, Form.empty(EventForm.LABELS), Form.empty(InvitationForm.LABELS), jwt)
                .thenReturn("organiser/event");
    }

    @PostMapping("/organiser/events/{id}/registrations/{registrationId}/check-in")
    Mono<String> checkIn(@PathVariable String id, @PathVariable String registrationId, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(values -> {
            var attendance = "NO_SHOW".equals(values.getFirst("attendance")) ? "NO_SHOW" : "ATTENDED";
            var back = "check-in".equals(values.getFirst("from")) ? "/check-in" : "";
            var member = values.getFirst("memberId");
            var memberId = member == null || member.isBlank() ? null : member;
            return registrations
                    .checkIn(registrationId, attendance, memberId)
                    .thenReturn("redirect:/organiser/events/" + id + back + "#r-" + registrationId
                            + (memberId == null ? "" : "-" + memberId));
        });
    }

    @GetMapping("/organiser/events/{id}/registrations.csv")
    Mono<ResponseEntity<String>> export(@PathVariable String id) {
        return registrations
                .exportCsv(id)
                .map(csv -> ResponseEntity.ok()
                        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename("registrations-" + id + ".csv")
                                        .build()
                                        .toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(csv));
    }

    /**
     * The event's page; its invitations (with their codes) and the support to arrange only when the event is
     * the organiser's own organisation's, as the events API's organiser view and the support plan are.
     */
    private Mono<Void> page(String id, Model model, Form actionForm, Form invitationForm, Jwt jwt) {
        return events.event(id)
                .flatMap(event -> {
                    var own = event.organisationId() != null
                            && event.organisationId().equals(SignedIn.of(jwt).organisationId());
                    model.addAttribute("event", event);
                    model.addAttribute("form", actionForm);
                    model.addAttribute("ownEvent", own);
                    model.addAttribute(
                            "invitations", own ? InvitationForm.rows(event, publicBaseUrl, show) : List.of());
                    model.addAttribute("invitationForm", invitationForm);
                    // registrations-service learns of an event when it is published: a draft has no plan yet.
                    Mono<Optional<SupportPlan>> plan = own
                            ? registrations
                                    .supportPlan(id)
                                    .map(Optional::of)
                                    .onErrorResume(
                                            e -> e instanceof ApiProblem problem && problem.isNotFound(),
                                            e -> Mono.just(Optional.empty()))
                            : Mono.just(Optional.empty());
                    return registrationsOf(id, model)
                            .then(plan)
                            .doOnNext(found -> supportToArrange(found.orElse(null), event, model));
                })
                .then();
    }

    /** The support plan in words, its notice after a change, and where a refusal is shown. */
    private void supportToArrange(SupportPlan plan, Event event, Model model) {
        var refusal = (SupportToArrange.Refusal) model.getAttribute("supportRefusal");
        if (plan == null) {
            if (refusal != null) {
                model.addAttribute("refusal", refusal.messages().getFirst());
                model.asMap().remove("supportRefusal");
            }
            return;
        }
        var support = SupportToArrange.of(
                plan,
                (Summary) model.getAttribute("summary"),
                event.timeZone(),
                show,
                (Form) model.getAttribute("deadlineForm"),
                Instant.now());
        model.addAttribute("supportPlan", support);
        var notice = support.notice((String) model.getAttribute("done"), (String) model.getAttribute("supportNeed"));
        if (notice != null) {
            model.addAttribute("supportNotice", notice);
        }
        if (refusal != null && !support.hasNeed(refusal.need())) {
            // The need is no longer on the plan (its people changed what they asked for): say so at the section.
            model.addAttribute("supportRefusalElsewhere", refusal.messages().getFirst());
            model.asMap().remove("supportRefusal");
        } else if (refusal != null) {
            support.rows().stream()
                    .filter(refusal::isFor)
                    .findFirst()
                    .ifPresent(row -> model.addAttribute("supportRefusalAt", row.noteId()));
        }
    }

    private Mono<Void> registrationsOf(String id, Model model) {
        // registrations-service learns of an event when it is published: a draft has nobody yet.
        return registrations
                .summary(id)
                .zipWith(registrations.attendees(id))
                .onErrorResume(
                        e -> e instanceof ApiProblem problem && problem.isNotFound(),
                        e -> Mono.just(reactor.util.function.Tuples.of(Summary.NONE, java.util.List.of())))
                .doOnNext(found -> {
                    model.addAttribute("eventId", id);
                    model.addAttribute("summary", found.getT1());
                    model.addAttribute("attendees", found.getT2());
                    model.addAttribute("waitingGroups", WaitingGroups.of(found.getT2()));
                    model.addAttribute("stillWaiting", WaitingGroups.stillWaiting(found.getT2()));
                })
                .then();
    }

    private String form(Model model, Form form, Event event) {
        model.addAttribute("form", form);
        model.addAttribute("event", event);
        model.addAttribute("formats", EventForm.FORMATS);
        model.addAttribute("audiences", EventForm.AUDIENCES);
        model.addAttribute("accessibility", EventForm.ACCESSIBILITY);
        return "organiser/event-form";
    }

    private Mono<String> refused(ServerWebExchange exchange, Model model, Form form, Event event, ApiProblem problem) {
        if (problem.isNotFound()) {
            return Mono.error(problem);
        }
        form.rejectAll(problem.fieldErrors());
        if (!form.hasErrors()) {
            model.addAttribute("refusal", refusal(problem));
        }
        exchange.getResponse().setStatusCode(status(problem));
        return Mono.just(form(model, form, event));
    }

    private static String refusal(ApiProblem problem) {
        if (problem.status() == 412 || problem.status() == 409 && "edit-conflict".equals(problem.kind())) {
            return "Someone else changed this event while you were editing it. Nothing was saved: reload the"
                    + " page to see their changes, then make yours again.";
        }
        return problem.detail() != null ? problem.detail() : "That could not be done. Please check and try again.";
    }

    private static HttpStatus status(ApiProblem problem) {
        var status = HttpStatus.resolve(problem.status());
        return status == null ? HttpStatus.BAD_REQUEST : status;
    }

    private static int count(String number) {
        try {
            return number == null ? 0 : Math.max(0, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long version(String version) {
        try {
            return Long.parseLong(version);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
