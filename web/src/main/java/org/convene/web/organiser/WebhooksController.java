package org.convene.web.organiser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.Webhooks;
import org.convene.web.api.WebhooksClient;
import org.convene.web.page.SignedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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
 * The organisation's outgoing webhooks (ADR 17): endpoints, adding one (its signing secret shown on the
 * answer page once, never again), one endpoint's delivery log with "send again", rotating the secret,
 * turning it off or on, removing it. All words come from the {@code i18n/webhooks} bundle; the API's
 * refusals are shown by kind, in the page's language. Pages with a secret are never stored by a cache.
 */
@Controller
class WebhooksController {

    static final List<String> TYPES = List.of(
            "event.published",
            "event.rescheduled",
            "event.cancelled",
            "registration.confirmed",
            "registration.waitlisted",
            "registration.promoted",
            "registration.cancelled",
            "attendee.checked_in",
            "newsletter.sent",
            "booking_request.received");

    private final WebhooksClient webhooks;

    WebhooksController(WebhooksClient webhooks) {
        this.webhooks = webhooks;
    }

    @GetMapping("/organiser/webhooks")
    Mono<String> list(@RequestParam(required = false) String done, @AuthenticationPrincipal Jwt jwt, Model model) {
        model.addAttribute("done", "removed".equals(done) ? done : null);
        return listPage(organisation(jwt), model, Map.of(), Map.of("personalDetails", List.of()));
    }

    @PostMapping("/organiser/webhooks")
    Mono<String> add(@AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        var organisation = organisation(jwt);
        return exchange.getFormData().flatMap(form -> {
            var body = new LinkedHashMap<String, Object>();
            body.put(
                    "url",
                    form.getFirst("url") == null ? "" : form.getFirst("url").strip());
            body.put("description", form.getFirst("description"));
            body.put("eventTypes", chosen(form));
            body.put("personalDetails", "true".equals(form.getFirst("personalDetails")));
            return webhooks.create(organisation, body)
                    .map(created -> {
                        noStore(exchange);
                        model.addAttribute("endpoint", created.endpoint());
                        model.addAttribute("secret", created.secret());
                        return "organiser/webhook-secret";
                    })
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return listPage(organisation, model, errors(problem), form);
                    });
        });
    }

    @GetMapping("/organiser/webhooks/{id}")
    Mono<String> endpoint(
            @PathVariable String id,
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal Jwt jwt,
            Model model) {
        var organisation = organisation(jwt);
        model.addAttribute(
                "done", done != null && List.of("resent", "enabled", "disabled").contains(done) ? done : null);
        return Mono.zip(webhooks.find(organisation, id), webhooks.deliveries(organisation, id))
                .map(found -> {
                    model.addAttribute("endpoint", found.getT1());
                    model.addAttribute("deliveries", found.getT2());
                    return "organiser/webhook";
                });
    }

    @PostMapping("/organiser/webhooks/{id}/deliveries/{deliveryId}/resend")
    Mono<String> resend(@PathVariable String id, @PathVariable String deliveryId, @AuthenticationPrincipal Jwt jwt) {
        return webhooks.resend(organisation(jwt), id, deliveryId)
                .thenReturn("redirect:/organiser/webhooks/" + id + "?done=resent");
    }

    @PostMapping("/organiser/webhooks/{id}/secret")
    Mono<String> rotate(
            @PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        return webhooks.rotateSecret(organisation(jwt), id).map(rotated -> {
            noStore(exchange);
            model.addAttribute("endpoint", rotated.endpoint());
            model.addAttribute("secret", rotated.secret());
            model.addAttribute("rotated", true);
            return "organiser/webhook-secret";
        });
    }

    /** Off or on again; everything else as it is. */
    @PostMapping("/organiser/webhooks/{id}/enabled")
    Mono<String> enable(@PathVariable String id, @AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange) {
        var organisation = organisation(jwt);
        return exchange.getFormData().flatMap(form -> {
            var on = "true".equals(form.getFirst("enabled"));
            return webhooks.find(organisation, id)
                    .flatMap(found -> webhooks.update(organisation, id, body(found, on)))
                    .thenReturn("redirect:/organiser/webhooks/" + id + "?done=" + (on ? "enabled" : "disabled"));
        });
    }

    @PostMapping("/organiser/webhooks/{id}/delete")
    Mono<String> delete(@PathVariable String id, @AuthenticationPrincipal Jwt jwt) {
        return webhooks.delete(organisation(jwt), id).thenReturn("redirect:/organiser/webhooks?done=removed");
    }

    private Mono<String> listPage(
            String organisation, Model model, Map<String, String> errors, Map<String, List<String>> form) {
        return webhooks.list(organisation).map(endpoints -> {
            model.addAttribute("endpoints", endpoints);
            model.addAttribute("types", TYPES);
            model.addAttribute("errors", errors);
            model.addAttribute("url", first(form, "url"));
            model.addAttribute("description", first(form, "description"));
            model.addAttribute("chosen", form.getOrDefault("eventTypes", List.of()));
            model.addAttribute("personalDetails", "true".equals(first(form, "personalDetails")));
            return "organiser/webhooks";
        });
    }

    private static Map<String, Object> body(Webhooks.Endpoint endpoint, boolean enabled) {
        var body = new LinkedHashMap<String, Object>();
        body.put("url", endpoint.url());
        body.put("description", endpoint.description());
        body.put("eventTypes", endpoint.eventTypes());
        body.put("personalDetails", endpoint.personalDetails());
        body.put("enabled", enabled);
        return body;
    }

    private static List<String> chosen(MultiValueMap<String, String> form) {
        var chosen = new ArrayList<String>();
        for (var type : form.getOrDefault("eventTypes", List.of())) {
            if (TYPES.contains(type) && !chosen.contains(type)) {
                chosen.add(type);
            }
        }
        return chosen;
    }

    /**
     * The API's refusal as message keys of the webhooks bundle, by field: the API words its reasons in
     * English, the page says them in the reader's language.
     */
    static Map<String, String> errors(ApiProblem problem) {
        var errors = new LinkedHashMap<String, String>();
        if (problem.status() == 409) {
            errors.put("url", "webhooks.error.tooMany");
            return errors;
        }
        problem.fieldErrors().forEach((field, message) -> {
            if (field.equals("url")) {
                errors.put("url", urlError(message));
            } else if (field.startsWith("eventTypes")) {
                errors.putIfAbsent("eventTypes", "webhooks.error.eventTypes");
            } else if (field.equals("description")) {
                errors.put("description", "webhooks.error.description");
            }
        });
        if (errors.isEmpty()) {
            errors.put("url", "webhooks.error.url.invalid");
        }
        return errors;
    }

    private static String urlError(String message) {
        if (message == null) {
            return "webhooks.error.url.invalid";
        }
        if (message.contains("https")) {
            return "webhooks.error.url.https";
        }
        if (message.contains("non-public")) {
            return "webhooks.error.url.private";
        }
        if (message.contains("could not be found")) {
            return "webhooks.error.url.unknownHost";
        }
        return message.contains("must not be blank") ? "webhooks.error.url.missing" : "webhooks.error.url.invalid";
    }

    private static @Nullable String first(Map<String, List<String>> form, String name) {
        var values = form.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void noStore(ServerWebExchange exchange) {
        exchange.getResponse()
                .getHeaders()
                .setCacheControl(CacheControl.noStore().getHeaderValue());
        exchange.getResponse().getHeaders().set(HttpHeaders.PRAGMA, "no-cache");
    }

    private static String organisation(Jwt jwt) {
        return SignedIn.of(jwt).organisationId();
    }
}
