package org.convene.web.organiser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.convene.web.api.ApiProblem;
import org.convene.web.api.NewsletterClient;
import org.convene.web.page.Form;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Organisers' newsletters: write one in Markdown, see it as subscribers will, send a test copy to
 * themselves, send it, and watch it go out.
 */
@Controller
class OrganiserNewslettersController {

    static final List<String> FIELDS = List.of("subject", "markdown", "topics");
    static final List<String> TOPICS = List.of("workshops", "training", "blog-posts", "podcasts");

    private final NewsletterClient newsletters;
    private final OrganiserWords words;

    OrganiserNewslettersController(NewsletterClient newsletters, OrganiserWords words) {
        this.newsletters = newsletters;
        this.words = words;
    }

    @GetMapping("/organiser/newsletters")
    Mono<String> list(ServerWebExchange exchange, Model model) {
        return newsletters
                .newsletters()
                .doOnNext(list -> model.addAttribute("newsletters", list))
                .thenReturn(write(model, Form.empty(labels(words.in(exchange)))));
    }

    @PostMapping("/organiser/newsletters")
    Mono<String> create(ServerWebExchange exchange, Model model) {
        var words = this.words.in(exchange);
        var labels = labels(words);
        return exchange.getFormData().flatMap(values -> {
            var form = new Form(values, labels);
            var body = new LinkedHashMap<String, Object>();
            body.put("subject", form.trimmed("subject"));
            body.put("markdown", form.trimmed("markdown"));
            body.put("topics", form.all("topics"));
            return newsletters
                    .create(body)
                    .map(created -> "redirect:/organiser/newsletters/" + created.id())
                    .onErrorResume(ApiProblem.class, problem -> {
                        words.rejectAll(form, labels, problem.fieldErrors());
                        if (!form.hasErrors()) {
                            model.addAttribute("refusal", problem.detail());
                        }
                        exchange.getResponse().setStatusCode(HttpStatus.BAD_REQUEST);
                        return newsletters
                                .newsletters()
                                .doOnNext(list -> model.addAttribute("newsletters", list))
                                .thenReturn(write(model, form));
                    });
        });
    }

    @GetMapping("/organiser/newsletters/{id}")
    Mono<String> newsletter(
            @PathVariable String id, @RequestParam(required = false) @Nullable String done, Model model) {
        model.addAttribute("done", done);
        // Shown as the sanitised HTML notifications-service rendered from the Markdown.
        return newsletters
                .newsletter(id)
                .doOnNext(newsletter -> model.addAttribute("newsletter", newsletter))
                .thenReturn("organiser/newsletter");
    }

    /** The progress part alone, which the page refreshes while the newsletter goes out. */
    @GetMapping("/organiser/newsletters/{id}/progress")
    Mono<String> progress(@PathVariable String id, Model model) {
        return newsletters
                .newsletter(id)
                .doOnNext(newsletter -> model.addAttribute("newsletter", newsletter))
                .thenReturn("organiser/newsletter :: progress");
    }

    @PostMapping("/organiser/newsletters/{id}/{action:test|send|cancel}")
    Mono<String> act(@PathVariable String id, @PathVariable String action, Model model, ServerWebExchange exchange) {
        var apiAction = "send".equals(action) ? "schedule" : action;
        return newsletters
                .act(id, apiAction, Map.of())
                .thenReturn("redirect:/organiser/newsletters/" + id + "?done=" + action)
                .onErrorResume(ApiProblem.class, problem -> {
                    if (problem.isNotFound()) {
                        return Mono.error(problem);
                    }
                    model.addAttribute("refusal", problem.detail());
                    exchange.getResponse().setStatusCode(HttpStatus.CONFLICT);
                    return newsletter(id, null, model);
                });
    }

    private static Map<String, String> labels(OrganiserWords.In words) {
        return words.labels("organiser.newsletters.field.", FIELDS);
    }

    private String write(Model model, Form form) {
        model.addAttribute("form", form);
        model.addAttribute("topics", TOPICS);
        return "organiser/newsletters";
    }
}
