package org.convene.web.subscribe;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.NewsletterClient;
import org.convene.web.config.WebProperties;
import org.convene.web.page.Form;
import org.convene.web.page.Reading;
import org.convene.web.page.Texts;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Newsletter sign-up. The email that follows carries the confirmation link (double opt-in); the
 * confirmation, preferences and unsubscribe pages those emails link to are notifications-service's.
 */
@Controller
class SubscribeController {

    static final Map<String, String> LABELS = Map.of(
            "email", "label.subscribe.email", "name", "label.subscribe.name", "topics", "label.subscribe.topics");
    static final List<String> TOPICS = List.of("workshops", "training", "blog-posts", "podcasts");

    private final NewsletterClient newsletters;
    private final String defaultOrganisation;

    private final MessageSource messages;

    SubscribeController(NewsletterClient newsletters, WebProperties properties, MessageSource messages) {
        this.messages = messages;
        this.newsletters = newsletters;
        this.defaultOrganisation = properties.newsletterOrganisation();
    }

    @GetMapping("/subscribe")
    String form(@RequestParam(required = false) String organisation, Model model, ServerWebExchange exchange) {
        return page(model, Form.empty(LABELS, Texts.of(messages, exchange)), organisation);
    }

    @PostMapping("/subscribe")
    Mono<String> subscribe(ServerWebExchange exchange, Model model) {
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, LABELS, Texts.of(messages, exchange));
            var organisation = form.value("organisationId", defaultOrganisation);
            var body = new LinkedHashMap<String, Object>();
            body.put("organisationId", organisation);
            body.put("email", form.trimmed("email"));
            body.put("name", form.trimmed("name"));
            body.put("topics", form.all("topics"));
            Reading.of(exchange).addTo(body);
            return newsletters
                    .subscribe(body)
                    .then(Mono.fromSupplier(() -> {
                        model.addAttribute("email", form.trimmed("email"));
                        return "subscribe/check-your-email";
                    }))
                    .onErrorResume(ApiProblem.class, problem -> {
                        if (problem.isNotFound() || problem.status() == 429) {
                            return Mono.error(problem);
                        }
                        form.rejectAll(problem.fieldErrors());
                        if (!form.hasErrors()) {
                            model.addAttribute("refusal", problem.detail());
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return Mono.just(page(model, form, organisation));
                    });
        });
    }

    private String page(Model model, Form form, String organisation) {
        model.addAttribute("form", form);
        model.addAttribute("topics", TOPICS);
        model.addAttribute(
                "organisationId", organisation == null || organisation.isBlank() ? defaultOrganisation : organisation);
        return "subscribe/form";
    }
}
