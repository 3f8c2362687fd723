package org.convene.web.workshops;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.Events.Event;
import org.convene.web.api.EventsClient;
import org.convene.web.api.Registrations.Availability;
import org.convene.web.api.RegistrationsClient;
import org.convene.web.config.WebProperties;
import org.convene.web.page.Form;
import org.convene.web.page.Reading;
import org.convene.web.page.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Finding a workshop and registering for it: no account, a couple of minutes, often on a phone. */
@Controller
class WorkshopsController {

    /** An event in the list, with its seats (absent when registrations could not say in time). */
    record Listed(Event event, @Nullable Availability availability) {}

    private static final List<String> FILTERS = List.of("audience", "format", "topic", "from", "q", "cursor");

    private final EventsClient events;
    private final RegistrationsClient registrations;
    private final URI publicBaseUrl;
    private final String siteOrganisation;

    private final MessageSource messages;

    WorkshopsController(
            EventsClient events, RegistrationsClient registrations, WebProperties properties, MessageSource messages) {
        this.messages = messages;
        this.events = events;
        this.registrations = registrations;
        this.publicBaseUrl = properties.publicBaseUrl();
        this.siteOrganisation = properties.newsletterOrganisation();
    }

    @GetMapping("/")
    Mono<String> upcoming(@RequestParam MultiValueMap<String, String> params, Model model, ServerWebExchange exchange) {
        var query = new LinkedMultiValueMap<String, String>();
        FILTERS.forEach(name -> {
            var value = params.getFirst(name);
            if (value != null && !value.isBlank()) {
                query.add(name, value.strip());
            }
        });
        model.addAttribute("filters", query.toSingleValueMap());
        // The site's own organisation, as the newsletter sign-up's.
        model.addAttribute("calendarFeed", CalendarFeed.of(publicBaseUrl, siteOrganisation));
        return events.upcoming(query)
                .flatMap(page -> seats(page.events())
                        .map(seats -> page.events().stream()
                                .map(event -> new Listed(event, seats.get(event.id())))
                                .toList())
                        .doOnNext(listed -> {
                            model.addAttribute("listed", listed);
                            model.addAttribute("next", page.next());
                        }))
                .onErrorResume(ApiProblem.class, invalidFilter -> {
                    // A filter the API refused (a date in the wrong form): show the list without it, and say so.
                    model.addAttribute("listed", List.of());
                    model.addAttribute(
                            "filterError", Texts.of(messages, exchange).get("list.filter.error"));
                    return Mono.just(List.of());
                })
                .thenReturn("workshops/list");
    }

    /**
     * The listed events' seats in one call to registrations-service. A registrations-service that does
     * not offer the batch to this caller (an older version during an upgrade: 404; or one that does not
     * yet let everyone call it: 401, 403) is asked event by event, as before; one that fails or does
     * not answer in time leaves the seats out, and the list still shows.
     */
    private Mono<Map<String, Availability>> seats(List<Event> listed) {
        var ids = listed.stream().map(Event::id).toList();
        return registrations
                .availabilities(ids)
                .onErrorResume(
                        e -> e instanceof ApiProblem problem && BATCH_NOT_OFFERED.contains(problem.status()),
                        notOffered -> oneByOne(ids))
                .onErrorResume(e -> Mono.just(Map.of()));
    }

    private static final Set<Integer> BATCH_NOT_OFFERED = Set.of(401, 403, 404, 405);

    private Mono<Map<String, Availability>> oneByOne(List<String> ids) {
        return Flux.fromIterable(ids)
                .flatMap(id -> registrations.availability(id).onErrorResume(e -> Mono.empty()), 8)
                .collectMap(Availability::eventId);
    }

    /**
     * A workshop's page, perhaps opened from an invitation link ({@code ?invitation=…}, ADR 13): the code
     * goes to the APIs (an invite-only workshop is not found without a valid one) and into the forms.
     */
    @GetMapping("/workshops/{id}")
    Mono<String> workshop(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String invitation,
            Model model,
            ServerWebExchange exchange) {
        var form = Form.empty(RegistrationForm.LABELS, Texts.of(messages, exchange));
        return show(id, InvitationCode.of(invitation), form, UUID.randomUUID(), model)
                .thenReturn("workshops/show");
    }

    @PostMapping("/workshops/{id}/register")
    Mono<String> register(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, RegistrationForm.LABELS, Texts.of(messages, exchange));
            var invitation = InvitationCode.of(values.getFirst("invitation"));
            var key = idempotencyKey(values.getFirst("idempotencyKey"));
            return registrations
                    .register(id, key, withInvitation(RegistrationForm.request(form, Reading.of(exchange)), invitation))
                    .map(registered -> "redirect:/manage/" + token(registered.manageLink()) + "?registered")
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> refused(
                                    problem,
                                    form,
                                    exchange,
                                    model,
                                    show(id, invitation, form, key, model).thenReturn("workshops/show")))
                    .onErrorResume(notFoundWith(invitation), notFound -> invitationNoLongerValid(exchange, model));
        });
    }

    /** A worker registers the young people they bring, in one go. */
    @GetMapping("/workshops/{id}/group")
    Mono<String> groupForm(
            @PathVariable String id,
            @RequestParam(required = false) @Nullable String people,
            @RequestParam(required = false) @Nullable String invitation,
            Model model,
            ServerWebExchange exchange) {
        var code = InvitationCode.of(invitation);
        var texts = Texts.of(messages, exchange);
        return events.event(id, code).flatMap(event -> {
            var count = GroupForm.people(people, event.groupLimitOrDefault());
            return showGroup(
                    id, code, Form.empty(GroupForm.labels(count, texts), texts), count, UUID.randomUUID(), model);
        });
    }

    /**
     * The group form's buttons: {@code add} one more young person, {@code remove} one (by number), or
     * {@code book}. Adding and removing only redraw the form with what was typed; booking asks the API,
     * whose field errors come back onto the right person.
     */
    @PostMapping("/workshops/{id}/group")
    Mono<String> group(@PathVariable String id, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var invitation = InvitationCode.of(values.getFirst("invitation"));
            return events.event(id, invitation)
                    .flatMap(event -> group(id, invitation, values, event.groupLimitOrDefault(), exchange, model))
                    .onErrorResume(notFoundWith(invitation), notFound -> invitationNoLongerValid(exchange, model));
        });
    }

    private Mono<String> group(
            String id,
            @Nullable String invitation,
            MultiValueMap<String, String> values,
            int limit,
            ServerWebExchange exchange,
            Model model) {
        var count = GroupForm.people(values.getFirst("people"), limit);
        var texts = Texts.of(messages, exchange);
        var key = idempotencyKey(values.getFirst("idempotencyKey"));
        var action = values.getFirst("action") == null ? "book" : values.getFirst("action");
        if (action.equals("add")) {
            var more = Math.min(limit, count + 1);
            return showGroup(id, invitation, new Form(values, GroupForm.labels(more, texts), texts), more, key, model);
        }
        if (action.startsWith("remove-")) {
            int removed;
            try {
                removed = Integer.parseInt(action.substring("remove-".length()));
            } catch (NumberFormatException e) {
                removed = -1;
            }
            if (removed >= 0 && removed < count && count > 1) {
                var fewer = count - 1;
                return showGroup(
                        id,
                        invitation,
                        new Form(GroupForm.without(values, removed), GroupForm.labels(fewer, texts), texts),
                        fewer,
                        key,
                        model);
            }
            return showGroup(
                    id, invitation, new Form(values, GroupForm.labels(count, texts), texts), count, key, model);
        }
        var form = new Form(values, GroupForm.labels(count, texts), texts);
        return registrations
                .register(id, key, withInvitation(GroupForm.request(form, count, Reading.of(exchange)), invitation))
                .map(registered -> "redirect:/manage/" + token(registered.manageLink()) + "?registered")
                .onErrorResume(
                        ApiProblem.class,
                        problem -> refused(
                                problem, form, exchange, model, showGroup(id, invitation, form, count, key, model)));
    }

    private Mono<String> showGroup(
            String id, @Nullable String invitation, Form form, int people, UUID key, Model model) {
        return show(id, invitation, form, key, model)
                .doOnSuccess(shown -> {
                    model.addAttribute("people", people);
                    model.addAttribute("workerRoles", GroupForm.WORKER_ROLES);
                    model.addAttribute("adultKinds", GroupForm.ADULT_KINDS);
                    model.addAttribute("mostAdults", GroupForm.MOST_ADULTS_OF_A_KIND);
                })
                .thenReturn("workshops/group");
    }

    private Mono<Void> show(String id, @Nullable String invitation, Form form, UUID key, Model model) {
        return events.event(id, invitation)
                .zipWith(registrations
                        .availability(id, invitation)
                        .map(java.util.Optional::of)
                        .onErrorResume(e -> Mono.just(java.util.Optional.empty())))
                .doOnNext(found -> {
                    model.addAttribute("event", found.getT1());
                    model.addAttribute(
                            "calendarFeed",
                            CalendarFeed.of(publicBaseUrl, found.getT1().organisationId()));
                    // For this person's own forms and links only.
                    model.addAttribute("invitation", invitation);
                    model.addAttribute("availability", found.getT2().orElse(null));
                    model.addAttribute("form", form);
                    model.addAttribute("idempotencyKey", key);
                    model.addAttribute("roles", RegistrationForm.ROLES);
                    model.addAttribute("ageBands", RegistrationForm.AGE_BANDS);
                    model.addAttribute("companionKinds", RegistrationForm.COMPANION_KINDS);
                })
                .then();
    }

    /**
     * The API said no: its field errors go onto the form's questions, a refusal of the whole
     * registration (full, closed, already registered) above the form; the form is shown again with
     * the answers. An unknown workshop stays a not-found page.
     */
    private Mono<String> refused(
            ApiProblem problem, Form form, ServerWebExchange exchange, Model model, Mono<String> formAgain) {
        if (problem.isNotFound()) {
            return Mono.error(problem);
        }
        if (problem.fieldErrors().isEmpty()) {
            model.addAttribute("refusal", refusal(problem, Texts.of(messages, exchange)));
        } else {
            form.rejectAll(problem.fieldErrors());
        }
        exchange.getResponse().setStatusCode(problem.status() == 409 ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST);
        return formAgain;
    }

    /** The registration's body, with the invitation code it was made with, if any. */
    private static Map<String, Object> withInvitation(Map<String, Object> request, @Nullable String invitation) {
        var body = new LinkedHashMap<>(request);
        if (invitation != null) {
            body.put("invitation", invitation);
        }
        return body;
    }

    /** A 404 for a request made with an invitation: the code was revoked, or is not this workshop's. */
    private static Predicate<Throwable> notFoundWith(@Nullable String invitation) {
        return e -> invitation != null && e instanceof ApiProblem problem && problem.isNotFound();
    }

    private Mono<String> invitationNoLongerValid(ServerWebExchange exchange, Model model) {
        var texts = Texts.of(messages, exchange);
        exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
        model.addAttribute("title", texts.get("error.invitation.title"));
        model.addAttribute("text", texts.get("error.invitation.text"));
        model.addAttribute("requestId", exchange.getRequest().getHeaders().getFirst("X-Request-Id"));
        return Mono.just("error");
    }

    /** The API's own sentence for a refusal that is about the whole registration (full, closed, already registered). */
    private static String refusal(ApiProblem problem, Texts texts) {
        if ("already-registered".equals(problem.kind())) {
            return texts.get("show.alreadyRegistered");
        }
        return problem.detail() != null ? problem.detail() : texts.get("show.couldNotRegister");
    }

    private static UUID idempotencyKey(@Nullable String sent) {
        try {
            return sent == null ? UUID.randomUUID() : UUID.fromString(sent);
        } catch (IllegalArgumentException e) {
            return UUID.randomUUID();
        }
    }

    /** The private token at the end of the manage link the API answered with. */
    static String token(String manageLink) {
        var path = URI.create(manageLink).getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
