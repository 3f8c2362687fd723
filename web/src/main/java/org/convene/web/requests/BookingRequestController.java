package org.convene.web.requests;

import java.util.List;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.BookingRequestsClient;
import org.convene.web.api.Offerings.Offering;
import org.convene.web.api.OfferingsClient;
import org.convene.web.page.Form;
import org.convene.web.page.Texts;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Asking an organisation for training, a keynote or consultancy (ADR 14): no account, often on a phone.
 * Whatever the API did with it (stored, or a duplicate it ignored), the same thank-you page follows.
 */
@Controller
class BookingRequestController {

    private final BookingRequestsClient requests;
    private final OfferingsClient offerings;

    private final MessageSource messages;

    BookingRequestController(BookingRequestsClient requests, OfferingsClient offerings, MessageSource messages) {
        this.messages = messages;
        this.requests = requests;
        this.offerings = offerings;
    }

    @GetMapping("/organisations/{organisationId}/book")
    Mono<String> form(@PathVariable String organisationId, Model model, ServerWebExchange exchange) {
        return page(model, organisationId, Form.empty(BookingRequestForm.LABELS, Texts.of(messages, exchange)));
    }

    @PostMapping("/organisations/{organisationId}/book")
    Mono<String> send(@PathVariable String organisationId, ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var texts = Texts.of(messages, exchange);
            var form = new Form(values, BookingRequestForm.LABELS, texts);
            return requests.submit(organisationId, BookingRequestForm.request(form))
                    .thenReturn("redirect:/organisations/" + organisationId + "/book/sent")
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound()) {
                            return Mono.error(problem);
                        }
                        if (problem.status() == 429) {
                            model.addAttribute("refusal", texts.get("requests.tooMany"));
                            exchange.getResponse().setStatusCode(HttpStatus.TOO_MANY_REQUESTS);
                            return page(model, organisationId, form);
                        }
                        form.rejectAll(BookingRequestForm.inWords(problem.fieldErrors()));
                        if (!form.hasErrors()) {
                            model.addAttribute(
                                    "refusal",
                                    problem.detail() != null ? problem.detail() : texts.get("requests.notSent"));
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return page(model, organisationId, form);
                    });
        });
    }

    /** The same page whatever happened: a duplicate is not told apart from a new request. */
    @GetMapping("/organisations/{organisationId}/book/sent")
    String sent(@PathVariable String organisationId, Model model) {
        model.addAttribute("organisationId", organisationId);
        return "requests/sent";
    }

    /** The form with the organisation's own offerings after the three kinds; without them if they can't be read. */
    private Mono<String> page(Model model, String organisationId, Form form) {
        return offerings
                .list(organisationId)
                .map(tagged -> tagged.offerings())
                .onErrorResume(unreadable -> Mono.just(List.<Offering>of()))
                .map(offered -> page(model, organisationId, form, offered));
    }

    private static String page(Model model, String organisationId, Form form, List<Offering> offered) {
        model.addAttribute("organisationId", organisationId);
        model.addAttribute("offerings", offered);
        model.addAttribute("offeringChoice", BookingRequestForm.OFFERING);
        model.addAttribute("form", form);
        model.addAttribute("kinds", BookingRequestForm.KINDS);
        model.addAttribute("audiences", BookingRequestForm.AUDIENCES);
        model.addAttribute("accessibility", BookingRequestForm.ACCESSIBILITY);
        model.addAttribute("dates", List.of(0, 1, 2));
        model.addAttribute("messageMax", BookingRequestForm.MESSAGE_MAX);
        return "requests/form";
    }
}
