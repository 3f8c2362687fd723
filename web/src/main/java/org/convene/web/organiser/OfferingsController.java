package org.convene.web.organiser;

import java.util.stream.IntStream;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.OfferingsClient;
import org.convene.web.page.Form;
import org.convene.web.page.SignedIn;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * "What you offer" (ADR 14): the organisation's offerings, listed on its booking request form after training,
 * a keynote and consultancy, kept as one list. Saving replaces the whole list with the ETag the page was read
 * with; if someone saved it meanwhile, the list is shown as it is now and nothing typed is kept. "Add another"
 * shows the form again with a blank row, without saving and without script.
 */
@Controller
class OfferingsController {

    private final OfferingsClient offerings;
    private final OrganiserWords words;

    OfferingsController(OfferingsClient offerings, OrganiserWords words) {
        this.offerings = offerings;
        this.words = words;
    }

    @GetMapping("/organiser/offerings")
    Mono<String> list(
            @RequestParam(required = false) String done,
            @AuthenticationPrincipal Jwt jwt,
            ServerWebExchange exchange,
            Model model) {
        model.addAttribute("done", "saved".equals(done) ? done : null);
        return current(organisation(jwt), words.in(exchange), model);
    }

    @PostMapping("/organiser/offerings")
    Mono<String> save(@AuthenticationPrincipal Jwt jwt, ServerWebExchange exchange, Model model) {
        var organisation = organisation(jwt);
        var words = this.words.in(exchange);
        return exchange.getFormData().flatMap(values -> {
            var rows = OfferingsForm.rows(values);
            var etag = values.getFirst("etag");
            if (values.containsKey("add")) {
                var more = Math.min(OfferingsForm.MAX, rows + 1);
                model.addAttribute("added", more > rows);
                return Mono.just(page(model, new Form(values, OfferingsForm.labels(more, words)), more, etag));
            }
            var form = new Form(values, OfferingsForm.labels(Math.max(1, rows), words));
            var sent = OfferingsForm.sent(form, rows);
            return offerings
                    .replace(organisation, etag, sent.offerings())
                    .thenReturn("redirect:/organiser/offerings?done=saved")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        var status = HttpStatus.resolve(problem.status());
                        exchange.getResponse().setStatusCode(status == null ? HttpStatus.BAD_REQUEST : status);
                        if (problem.status() == 412) {
                            model.addAttribute("changedMeanwhile", true);
                            return current(organisation, words, model);
                        }
                        OfferingsForm.errors(problem.fieldErrors(), sent, words)
                                .forEach((field, sentence) -> words.say(form, field, sentence));
                        if (!form.hasErrors()) {
                            model.addAttribute(
                                    "refusal",
                                    problem.detail() != null
                                            ? problem.detail()
                                            : words.text("organiser.offerings.notSaved"));
                        }
                        return Mono.just(page(model, form, Math.max(1, rows), etag));
                    });
        });
    }

    private Mono<String> current(String organisation, OrganiserWords.In words, Model model) {
        return offerings
                .list(organisation)
                .map(tagged -> page(
                        model,
                        OfferingsForm.of(tagged.offerings(), words),
                        Math.max(1, tagged.offerings().size()),
                        tagged.etag()));
    }

    private static String page(Model model, Form form, int rows, @Nullable String etag) {
        model.addAttribute("form", form);
        model.addAttribute("rows", IntStream.range(0, rows).boxed().toList());
        model.addAttribute("etag", etag);
        model.addAttribute("kinds", OfferingsForm.KINDS);
        model.addAttribute("canAdd", rows < OfferingsForm.MAX);
        model.addAttribute("max", OfferingsForm.MAX);
        return "organiser/offerings";
    }

    private static String organisation(Jwt jwt) {
        return SignedIn.of(jwt).organisationId();
    }
}
