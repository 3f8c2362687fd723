package org.convene.web.organiser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.BookingRequests.Request;
import org.convene.web.api.BookingRequests.Tagged;
import org.convene.web.api.BookingRequestsClient;
import org.convene.web.page.Form;
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
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The organisation's booking requests (ADR 14): the inbox with its filters, and each request with its
 * history, notes, replies, the status changes, accepting (which makes the draft event), the export and
 * erasure. The organisation is the signed-in organiser's own; for anyone else a request does not exist.
 * Every change carries the ETag the page was read with: a change made meanwhile is shown, not overwritten.
 */
@Controller
class BookingRequestsController {

    static final List<String> STATUSES = List.of("NEW", "IN_DISCUSSION", "ACCEPTED", "SCHEDULED", "DECLINED");
    /** The inbox's kinds: the three, and requests for any of the organisation's own offerings. */
    static final List<String> KINDS = List.of("TRAINING", "KEYNOTE", "CONSULTANCY", "OFFERING");

    private final BookingRequestsClient requests;
    private final OrganiserWords words;

    BookingRequestsController(BookingRequestsClient requests, OrganiserWords words) {
        this.requests = requests;
        this.words = words;
    }

    /** The forms' labels: the note's and reply's of their own, the agreed time's as the event form has them. */
    static Map<String, String> labels(OrganiserWords.In words) {
        var labels = new LinkedHashMap<String, String>();
        labels.put("note", words.text("organiser.request.field.note"));
        labels.put("reply", words.text("organiser.request.field.reply"));
        labels.putAll(words.labels("organiser.field.", List.of("startsAt", "endsAt", "timeZone")));
        return labels;
    }

    @GetMapping("/organiser/requests")
    Mono<String> inbox(
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind,
            @AuthenticationPrincipal Jwt jwt,
            Model model) {
        var chosenStatus = status != null && STATUSES.contains(status) ? status : null;
        var chosenKind = kind != null && KINDS.contains(kind) ? kind : null;
        model.addAttribute("status", chosenStatus);
        model.addAttribute("kind", chosenKind);
        model.addAttribute("statuses", STATUSES);
        model.addAttribute("kinds", KINDS);
        return requests.list(organisation(jwt), chosenStatus, chosenKind)
                .doOnNext(found -> model.addAttribute("requests", found))
                .thenReturn("organiser/requests/inbox");
    }

    @GetMapping("/organiser/requests/{id}")
    Mono<String> request(
            @PathVariable String id,
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        model.addAttribute("done", done);
        var words = this.words.in(exchange);
        return page(organisation(jwt), id, Form.empty(labels(words)), words, model);
    }

    @PostMapping("/organiser/requests/{id}/{action:notes|replies|discuss|decline|accept}")
    Mono<String> act(
            @PathVariable String id,
            @PathVariable String action,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        var organisation = organisation(jwt);
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, labels(words));
            return requests.act(organisation, id, action, values.getFirst("etag"), body(action, form))
                    .thenReturn("redirect:/organiser/requests/" + id + "?done=" + action)
                    .onErrorResume(
                            ApiProblem.class,
                            problem -> refused(organisation, id, action, form, problem, words, exchange, model));
        });
    }

    /** The second step of erasing is the button inside the page's "Erase" section; repeating it is harmless. */
    @PostMapping("/organiser/requests/{id}/erase")
    Mono<String> erase(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
        return requests.erase(organisation(jwt), id).thenReturn("redirect:/organiser/requests/" + id + "?done=erase");
    }

    @GetMapping("/organiser/requests/{id}/export")
    Mono<ResponseEntity<byte[]>> export(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
        return requests.export(organisation(jwt), id)
                .map(export -> ResponseEntity.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .header(
                                HttpHeaders.CONTENT_DISPOSITION,
                                ContentDisposition.attachment()
                                        .filename(export.filename())
                                        .build()
                                        .toString())
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(export.json()));
    }

    /** The API's body for each action: the text of a note or reply, the agreed time of an acceptance. */
    private static Map<String, Object> body(String action, Form form) {
        var body = new LinkedHashMap<String, Object>();
        switch (action) {
            case "notes" -> body.put("text", form.trimmed("note"));
            case "replies" -> body.put("text", form.trimmed("reply"));
            case "accept" -> {
                if (form.trimmed("startsAt") != null || form.trimmed("endsAt") != null) {
                    body.put("startsAt", form.trimmed("startsAt"));
                    body.put("endsAt", form.trimmed("endsAt"));
                    body.put("timeZone", form.value("timeZone", "Europe/London"));
                }
            }
            default -> {}
        }
        return body;
    }

    /**
     * A 412: someone changed the request since the page was read; it is shown as it is now, with what was
     * typed kept. Field errors go onto their fields (a note's or reply's {@code text} onto that form's box);
     * other refusals (a closed or erased request) are said above the page.
     */
    private Mono<String> refused(
            String organisation,
            String id,
            String action,
            Form form,
            ApiProblem problem,
            OrganiserWords.In words,
            ServerWebExchange exchange,
            Model model) {
        if (problem.isNotFound()) {
            return Mono.error(problem);
        }
        if (problem.status() == 412) {
            model.addAttribute("changedMeanwhile", true);
        } else {
            var errors = new LinkedHashMap<String, String>();
            problem.fieldErrors().forEach((field, message) -> errors.put(fieldOf(action, field), message));
            words.rejectAll(form, labels(words), errors);
            if (!form.hasErrors()) {
                model.addAttribute(
                        "refusal",
                        problem.detail() != null ? problem.detail() : words.text("organiser.error.tryAgainShort"));
            }
        }
        model.addAttribute("failedAction", action);
        var status = HttpStatus.resolve(problem.status());
        exchange.getResponse().setStatusCode(status == null ? HttpStatus.BAD_REQUEST : status);
        return page(organisation, id, form, words, model);
    }

    private static String fieldOf(String action, String field) {
        if (field.equals("text")) {
            return action.equals("notes") ? "note" : "reply";
        }
        return field;
    }

    private Mono<String> page(String organisation, String id, Form form, OrganiserWords.In words, Model model) {
        return requests.request(organisation, id)
                .doOnNext((Tagged tagged) -> {
                    var request = tagged.request();
                    model.addAttribute("request", request);
                    // The API answers a request it found with the request.
                    model.addAttribute("requestTitle", title(java.util.Objects.requireNonNull(request), words));
                    model.addAttribute("etag", tagged.etag());
                    model.addAttribute("form", form);
                })
                .thenReturn("organiser/requests/request");
    }

    /** "Keynote request from Rutland County Council", or "“Young carers awareness” request from …". */
    private static String title(Request request, OrganiserWords.In words) {
        var from = request.requester() == null || request.requester().organisation() == null
                ? words.text("organiser.request.anOrganisation")
                : request.requester().organisation();
        return words.text(
                "organiser.request.title", words.requestKind(request.kind(), request.offeringName(), null), from);
    }

    private static String organisation(Jwt jwt) {
        return SignedIn.of(jwt).organisationId();
    }
}
