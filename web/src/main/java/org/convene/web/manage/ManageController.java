package org.convene.web.manage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.Events.Event;
import org.convene.web.api.EventsClient;
import org.convene.web.api.Registrations.Arranged;
import org.convene.web.api.Registrations.Registration;
import org.convene.web.api.RegistrationsClient;
import org.convene.web.api.ServiceCalls;
import org.convene.web.page.Form;
import org.convene.web.page.QrCodes;
import org.convene.web.page.Texts;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
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
 * A person's own registration, from the private link in their email: see it, change the support they
 * need, cancel, or erase their data. Opening the link changes nothing (mail scanners open links);
 * only the page's buttons do.
 */
@Controller
class ManageController {

    static final Map<String, String> LABELS = Map.of(
            "supportNeeds.interpreter", "label.supportNeeds.interpreter",
            "supportNeeds.access", "label.supportNeeds.access",
            "supportNeeds.dietary", "label.supportNeeds.dietary",
            "supportNeeds.other", "label.supportNeeds.other");

    private final RegistrationsClient registrations;
    private final EventsClient events;

    private final QrCodes qr;

    /** One person's check-in code as the page shows it: their name, the QR drawing and the letters. */
    public record CheckInCard(String name, String code, String svg) {}

    private final MessageSource messages;

    ManageController(RegistrationsClient registrations, EventsClient events, QrCodes qr, MessageSource messages) {
        this.messages = messages;
        this.qr = qr;
        this.registrations = registrations;
        this.events = events;
    }

    @GetMapping("/manage/{token}")
    Mono<String> show(
            @PathVariable String token,
            @RequestParam MultiValueMap<String, String> params,
            Model model,
            ServerWebExchange exchange) {
        model.addAttribute("justRegistered", params.containsKey("registered"));
        model.addAttribute("saved", params.containsKey("saved"));
        model.addAttribute("justCancelled", params.containsKey("cancelled"));
        model.addAttribute("justRemoved", params.containsKey("removed"));
        model.addAttribute("justAdded", params.containsKey("added"));
        model.addAttribute("needsSavedFor", params.getFirst("needsSaved"));
        var texts = Texts.of(messages, exchange);
        return page(token, Form.empty(LABELS, texts), model, texts);
    }

    @PostMapping("/manage/{token}/cancel")
    Mono<String> cancel(@PathVariable String token) {
        return registrations.cancelByToken(token).thenReturn("redirect:/manage/" + token + "?cancelled");
    }

    /** A worker takes one young person off their group; their seat goes to whoever waits. */
    @PostMapping("/manage/{token}/group/members/{memberId}/remove")
    Mono<String> removeMember(
            @PathVariable String token, @PathVariable String memberId, Model model, ServerWebExchange exchange) {
        var texts = Texts.of(messages, exchange);
        return registrations
                .removeMember(token, memberId)
                .thenReturn("redirect:/manage/" + token + "?removed")
                .onErrorResume(
                        ApiProblem.class,
                        problem -> problem.isNotFound()
                                ? Mono.error(problem)
                                : Mono.fromRunnable(() -> model.addAttribute("groupRefusal", refusal(problem, texts)))
                                        .then(page(token, Form.empty(LABELS, texts), model, texts)));
    }

    /** A worker brings one more young person: a seat more if one is free, else the API's reason at the form. */
    @PostMapping("/manage/{token}/group/members")
    Mono<String> addMember(@PathVariable String token, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var texts = Texts.of(messages, exchange);
            var form = new Form(values, MemberForms.addLabels(), texts);
            return registrations
                    .addMember(token, MemberForms.addRequest(form))
                    .thenReturn("redirect:/manage/" + token + "?added")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        var fieldErrors = new LinkedHashMap<>(problem.fieldErrors());
                        // The group's limit is about the group, not a field of the person: said as a sentence.
                        var aboutTheGroup = fieldErrors.remove("group.members");
                        MemberForms.reject(form, MemberForms.ADD, fieldErrors);
                        if (aboutTheGroup != null) {
                            model.addAttribute("addRefusal", sentence(aboutTheGroup));
                        } else if (!form.hasErrors()) {
                            model.addAttribute("addRefusal", refusal(problem, texts));
                        }
                        model.addAttribute("addForm", form);
                        exchange.getResponse()
                                .setStatusCode(form.hasErrors() ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
                        return page(token, Form.empty(LABELS, texts), model, texts);
                    });
        });
    }

    /** A worker changes what one young person needs; the form replaces what they asked for before. */
    @PostMapping("/manage/{token}/group/members/{memberId}/support-needs")
    Mono<String> changeMemberSupportNeeds(
            @PathVariable String token, @PathVariable String memberId, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var prefix = MemberForms.needs(memberId);
            var texts = Texts.of(messages, exchange);
            var form = new Form(values, MemberForms.needsLabels(prefix), texts);
            return registrations
                    .changeMemberSupportNeeds(token, memberId, MemberForms.needsRequest(form, prefix))
                    .thenReturn("redirect:/manage/" + token + "?needsSaved=" + memberId)
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        // The API names the fields of its support-needs body ("other"), not as within a member.
                        MemberForms.reject(form, prefix + "supportNeeds.", problem.fieldErrors());
                        if (!form.hasErrors()) {
                            model.addAttribute("needsRefusal", refusal(problem, texts));
                        }
                        model.addAttribute("needsFor", memberId);
                        model.addAttribute("needsForm", form);
                        exchange.getResponse()
                                .setStatusCode(form.hasErrors() ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT);
                        return page(token, Form.empty(LABELS, texts), model, texts);
                    });
        });
    }

    private static String refusal(ApiProblem problem, Texts texts) {
        return problem.detail() != null ? problem.detail() : texts.get("form.error.tryAgain");
    }

    /** "a group can bring at most 12 young people" as a sentence. */
    private static String sentence(String message) {
        var text = message.strip();
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }

    @PostMapping("/manage/{token}/support-needs")
    Mono<String> changeSupportNeeds(@PathVariable String token, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var texts = Texts.of(messages, exchange);
            var form = new Form(values, LABELS, texts);
            var needs = new LinkedHashMap<String, Object>();
            needs.put("interpreter", form.trimmed("supportNeeds.interpreter"));
            needs.put("access", form.all("supportNeeds.access"));
            needs.put("dietary", form.all("supportNeeds.dietary"));
            needs.put("other", form.trimmed("supportNeeds.other"));
            return registrations
                    .changeSupportNeeds(token, needs)
                    .thenReturn("redirect:/manage/" + token + "?saved")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        // The API names the fields of its support-needs body ("other"), the page its own.
                        problem.fieldErrors()
                                .forEach((field, message) -> form.reject(
                                        field.startsWith("supportNeeds.") ? field : "supportNeeds." + field, message));
                        if (!form.hasErrors()) {
                            model.addAttribute("refusal", problem.detail());
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return page(token, form, model, texts);
                    });
        });
    }

    @PostMapping("/manage/{token}/erase")
    Mono<String> erase(@PathVariable String token) {
        return registrations.eraseByToken(token).thenReturn("manage/erased");
    }

    /**
     * What the organiser has arranged for the person (issue 19); empty when that cannot be had now, so the
     * rest of the page still shows and nothing is said that may be wrong.
     */
    private Mono<Optional<List<Arranged>>> arranged(String token) {
        return registrations
                .arranged(token)
                .map(Optional::of)
                .onErrorResume(
                        e -> e instanceof ApiProblem || e instanceof ServiceCalls.ServiceUnavailable,
                        e -> Mono.just(Optional.empty()));
    }

    /**
     * The group's forms: adding a young person (as sent, when refused), and each young person's needs,
     * prefilled from what the view says of them (the one sent back with a refusal, as sent).
     */
    private static void memberForms(Registration registration, @Nullable Event event, Model model, Texts texts) {
        if (!model.containsAttribute("addForm")) {
            model.addAttribute("addForm", Form.empty(MemberForms.addLabels(), texts));
        }
        var needsFor = (String) model.getAttribute("needsFor");
        var forms = new LinkedHashMap<String, Form>();
        var members = registration.group() == null || registration.group().members() == null
                ? List.<Registration.Member>of()
                : registration.group().members();
        String savedName = null;
        for (var member : members) {
            forms.put(
                    member.memberId(),
                    member.memberId().equals(needsFor)
                            ? (Form) model.getAttribute("needsForm")
                            : MemberForms.prefilled(member, event, texts));
            if (member.memberId().equals(model.getAttribute("needsSavedFor"))) {
                savedName = member.name();
            }
        }
        model.addAttribute("needsForms", forms);
        model.addAttribute("ageBands", MemberForms.AGE_BANDS);
        model.addAttribute("needsSavedName", savedName);
    }

    /**
     * The registration and its event. An invite-only event is not found without an invitation code (ADR 13),
     * which the manage link does not carry: the page then says what the event is from the manage view's
     * {@code event} (registrations-service's record of it), and hides the support forms, whose interpreters
     * and food only the events API knows.
     */
    private Mono<String> page(String token, Form form, Model model, Texts texts) {
        // A form sent back with a refusal shows none of the notices a redirect's address asks for.
        for (var notice : java.util.List.of("justRegistered", "saved", "justCancelled", "justRemoved", "justAdded")) {
            if (!model.containsAttribute(notice)) {
                model.addAttribute(notice, false);
            }
        }
        return registrations
                .byToken(token)
                .flatMap(registration -> events.event(registration.eventId())
                        .map(Optional::of)
                        .onErrorResume(
                                e -> e instanceof ApiProblem problem && problem.isNotFound(),
                                notFound -> Mono.just(Optional.empty()))
                        .zipWith(arranged(token))
                        .doOnNext(found -> {
                            var event = found.getT1().orElse(null);
                            model.addAttribute("registration", registration);
                            model.addAttribute("checkInCards", checkInCards(registration, texts));
                            model.addAttribute("event", event);
                            model.addAttribute("about", About.of(event, registration.event()));
                            model.addAttribute("arranged", found.getT2().orElse(null));
                            memberForms(registration, event, model, texts);
                        }))
                .doOnNext(found -> {
                    model.addAttribute("token", token);
                    model.addAttribute("form", form);
                })
                .thenReturn("manage/show");
    }

    /**
     * Each person's code to show at the door, once their place is confirmed: the registrant's, then each
     * young person's of the group who is booked (not one still waiting).
     */
    private List<CheckInCard> checkInCards(Registration registration, Texts texts) {
        if (!registration.isConfirmed() || registration.checkInCode() == null) {
            return List.of();
        }
        var cards = new java.util.ArrayList<CheckInCard>();
        cards.add(card(registration.attendeeName(), registration.checkInCode(), texts));
        registration.bookedMembers().stream()
                .filter(member -> member.checkInCode() != null)
                .forEach(member -> cards.add(card(member.name(), member.checkInCode(), texts)));
        return cards;
    }

    private CheckInCard card(String name, String code, Texts texts) {
        return new CheckInCard(name, code, qr.svg(code, texts.get("manage.codes.label", name)));
    }
}
