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
import org.jspecify.annotations.Nullable;
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
    private final OrganiserWords words;
    private final URI publicBaseUrl;

    OrganiserEventsController(
            EventsClient events,
            RegistrationsClient registrations,
            Show show,
            OrganiserWords words,
            WebProperties properties) {
        this.events = events;
        this.registrations = registrations;
        this.show = show;
        this.words = words;
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
    String newEvent(ServerWebExchange exchange, Model model) {
        return form(model, Form.empty(EventForm.labels(words.in(exchange))), null);
    }

    @PostMapping("/organiser/events")
    Mono<String> create(ServerWebExchange exchange, Model model) {
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, EventForm.labels(words));
            return events.create(EventForm.request(form))
                    .map(created -> "redirect:/organiser/events/" + created.id() + "?created")
                    .onErrorResume(ApiProblem.class, problem -> refused(exchange, model, form, null, problem, words));
        });
    }

    @GetMapping("/organiser/events/{id}/edit")
    Mono<String> edit(@PathVariable String id, ServerWebExchange exchange, Model model) {
        var labels = EventForm.labels(words.in(exchange));
        return events.event(id).map(event -> form(model, EventForm.of(event, show, labels), event));
    }

    @PostMapping("/organiser/events/{id}")
    Mono<String> update(@PathVariable String id, ServerWebExchange exchange, Model model) {
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, EventForm.labels(words));
            long version = version(values.getFirst("version"));
            return events.event(id)
                    .flatMap(event -> events.update(id, version, EventForm.request(form))
                            .map(updated -> "redirect:/organiser/events/" + id + "?saved")
                            .onErrorResume(
                                    ApiProblem.class,
                                    problem -> refused(exchange, model, form, event, problem, words)));
        });
    }

    @GetMapping("/organiser/events/{id}")
    Mono<String> event(
            @PathVariable String id,
            @RequestParam MultiValueMap<String, String> params,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        var words = this.words.in(exchange);
        model.addAttribute("created", params.containsKey("created"));
        model.addAttribute("saved", params.containsKey("saved"));
        model.addAttribute("done", params.getFirst("done"));
        model.addAttribute("accepted", count(params.getFirst("accepted")));
        model.addAttribute("supportNeed", params.getFirst("need"));
        return page(id, model, emptyForms(words), jwt, words).thenReturn("organiser/event");
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
        var words = this.words.in(exchange);
        var labels = EventForm.labels(words);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, labels);
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
                        words.rejectAll(form, labels, problem.fieldErrors());
                        model.addAttribute("failedAction", action);
                        model.addAttribute("refusal", refusal(problem, words));
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, new Forms(form, Form.empty(InvitationForm.labels(words))), jwt, words)
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
        var words = this.words.in(exchange);
        var labels = InvitationForm.labels(words);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, labels);
            return events.event(id)
                    .flatMap(event -> events.invite(id, InvitationForm.request(form, event.timeZone()))
                            .thenReturn("redirect:/organiser/events/" + id + "?done=invite#invitations")
                            .onErrorResume(ApiProblem.class, problem -> {
                                if (problem.isNotFound()) {
                                    return Mono.error(problem);
                                }
                                words.rejectAll(form, labels, problem.fieldErrors());
                                if (!form.hasErrors()) {
                                    model.addAttribute("refusal", refusal(problem, words));
                                }
                                exchange.getResponse().setStatusCode(status(problem));
                                return page(id, model, new Forms(Form.empty(EventForm.labels(words)), form), jwt, words)
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
        var words = this.words.in(exchange);
        return events.revoke(id, invitationId)
                .thenReturn("redirect:/organiser/events/" + id + "?done=revoke#invitations")
                .onErrorResume(ApiProblem.class, problem -> {
                    if (problem.isNotFound()) {
                        return Mono.error(problem);
                    }
                    model.addAttribute("refusal", refusal(problem, words));
                    exchange.getResponse().setStatusCode(status(problem));
                    return page(id, model, emptyForms(words), jwt, words).thenReturn("organiser/event");
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
        var words = this.words.in(exchange);
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
                                .map(error -> WaitingGroups.sentence(error.getValue(), words))
                                .findFirst()
                                .orElseGet(() -> refusal(problem, words));
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, emptyForms(words), jwt, words)
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
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.labels(words));
            var need = form.trimmed("need");
            var done = "true".equals(values.getFirst("arranged")) ? "renoted" : "arranged";
            return registrations
                    .arrange(id, need, form.trimmed("note"))
                    .thenReturn(supportDone(id, done, need))
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> supportRefused(id, need, form, problem, jwt, words, exchange, model));
        });
    }

    /** The need is not arranged after all: it is back on the list to arrange; nobody is emailed. */
    @PostMapping("/organiser/events/{id}/support-plan/arrangements/withdraw")
    Mono<String> withdraw(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.labels(words));
            var need = form.trimmed("need");
            return registrations
                    .withdrawArrangement(id, need)
                    .thenReturn(supportDone(id, "withdrawn", need))
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> supportRefused(
                                    id,
                                    need,
                                    Form.empty(SupportToArrange.labels(words)),
                                    problem,
                                    jwt,
                                    words,
                                    exchange,
                                    model));
        });
    }

    /** How many days before the event everything should be arranged; the API says what it allows. */
    @PostMapping("/organiser/events/{id}/support-plan/deadline")
    Mono<String> deadline(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, SupportToArrange.labels(words));
            return registrations
                    .supportDeadline(id, EventForm.number(form.trimmed("daysBefore")))
                    .thenReturn("redirect:/organiser/events/" + id + "?done=deadline#support-plan")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound() || problem.status() == 401 || problem.status() == 403) {
                            return Mono.error(problem);
                        }
                        if (problem.fieldErrors().isEmpty()) {
                            model.addAttribute("refusal", refusal(problem, words));
                        } else {
                            words.say(form, "daysBefore", words.text("organiser.support.days"));
                        }
                        model.addAttribute("deadlineForm", form);
                        exchange.getResponse().setStatusCode(status(problem));
                        return page(id, model, emptyForms(words), jwt, words).thenReturn("organiser/event");
                    });
        });
    }

    private static String supportDone(String id, String done, @Nullable String need) {
        return "redirect:/organiser/events/" + id + "?done=" + done
                + (need == null ? "" : "&need=" + URLEncoder.encode(need, StandardCharsets.UTF_8)) + "#support-plan";
    }

    /**
     * The API refused a change to a need: a mistake in the note is shown at the note, a need nobody has any
     * more (they changed what they asked for, or cancelled) says so; both at the need's form when it is
     * still on the plan.
     */
    private Mono<String> supportRefused(
            String id,
            @Nullable String need,
            Form form,
            ApiProblem problem,
            Jwt jwt,
            OrganiserWords.In words,
            ServerWebExchange exchange,
            Model model) {
        if (problem.status() == 401 || problem.status() == 403) {
            return Mono.error(problem);
        }
        problem.fieldErrors().forEach((field, message) -> {
            if (field.equals("note")) {
                if (message != null && message.startsWith("size must be between")) {
                    words.say(form, "note", words.text("organiser.support.noteTooLong"));
                } else {
                    words.reject(form, SupportToArrange.labels(words), "note", message);
                }
            }
        });
        var message = problem.isNotFound() || problem.fieldErrors().containsKey("need")
                ? words.text("organiser.support.notANeed")
                : refusal(problem, words);
        model.addAttribute("supportRefusal", new SupportToArrange.Refusal(need, form, message));
        exchange.getResponse().setStatusCode(status(problem));
        return page(id, model, emptyForms(words), jwt, words).thenReturn("organiser/event");
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

    /**
     * The list as registrations-service writes it. Its column headers stay English whatever the page's
     * language: they are data, read by spreadsheets and imports that expect the same names every time.
     */
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
    /** The event page's two forms: the lifecycle actions' and the invitation's, as sent or empty. */
    private record Forms(Form action, Form invitation) {}

    private static Forms emptyForms(OrganiserWords.In words) {
        return new Forms(Form.empty(EventForm.labels(words)), Form.empty(InvitationForm.labels(words)));
    }

    private Mono<Void> page(String id, Model model, Forms forms, Jwt jwt, OrganiserWords.In words) {
        return events.event(id)
                .flatMap(event -> {
                    var own = event.organisationId() != null
                            && event.organisationId().equals(SignedIn.of(jwt).organisationId());
                    model.addAttribute("event", event);
                    model.addAttribute("form", forms.action());
                    model.addAttribute("ownEvent", own);
                    model.addAttribute(
                            "invitations", own ? InvitationForm.rows(event, publicBaseUrl, words) : List.of());
                    model.addAttribute("invitationForm", forms.invitation());
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
                            .doOnNext(found -> supportToArrange(found.orElse(null), event, model, words));
                })
                .then();
    }

    /** The support plan in words, its notice after a change, and where a refusal is shown. */
    private void supportToArrange(@Nullable SupportPlan plan, Event event, Model model, OrganiserWords.In words) {
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
                words,
                (Form) model.getAttribute("deadlineForm"),
                Instant.now());
        model.addAttribute("supportPlan", support);
        var notice =
                support.notice((String) model.getAttribute("done"), (String) model.getAttribute("supportNeed"), words);
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

    private String form(Model model, Form form, @Nullable Event event) {
        model.addAttribute("form", form);
        model.addAttribute("event", event);
        model.addAttribute("formats", EventForm.FORMATS);
        model.addAttribute("audiences", EventForm.AUDIENCES);
        model.addAttribute("accessibility", EventForm.ACCESSIBILITY);
        return "organiser/event-form";
    }

    private Mono<String> refused(
            ServerWebExchange exchange,
            Model model,
            Form form,
            @Nullable Event event,
            ApiProblem problem,
            OrganiserWords.In words) {
        if (problem.isNotFound()) {
            return Mono.error(problem);
        }
        words.rejectAll(form, EventForm.labels(words), problem.fieldErrors());
        if (!form.hasErrors()) {
            model.addAttribute("refusal", refusal(problem, words));
        }
        exchange.getResponse().setStatusCode(status(problem));
        return Mono.just(form(model, form, event));
    }

    /**
     * Why the API refused, in the reader's words when the pages know the kind of refusal; otherwise the API's
     * own sentence (written in English by the service), or a general one.
     */
    private static String refusal(ApiProblem problem, OrganiserWords.In words) {
        if (problem.status() == 412 || problem.status() == 409 && "edit-conflict".equals(problem.kind())) {
            return words.text("organiser.error.editConflict");
        }
        return problem.detail() != null ? problem.detail() : words.text("organiser.error.tryAgain");
    }

    private static HttpStatus status(ApiProblem problem) {
        var status = HttpStatus.resolve(problem.status());
        return status == null ? HttpStatus.BAD_REQUEST : status;
    }

    private static int count(@Nullable String number) {
        try {
            return number == null ? 0 : Math.max(0, Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static long version(@Nullable String version) {
        try {
            return Long.parseLong(version);
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
