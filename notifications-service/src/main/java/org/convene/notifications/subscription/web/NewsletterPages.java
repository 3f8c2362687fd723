package org.convene.notifications.subscription.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionEnded;
import org.convene.notifications.subscription.domain.SubscriptionNotFound;
import org.convene.notifications.subscription.domain.SubscriptionService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The pages the newsletter's email links open. Opening a link never changes anything (mail
 * scanners open links); the button on the page does. The unsubscribe address also takes the
 * one-click POST mail apps send (RFC 8058). Plain, accessible HTML; no script.
 */
@Controller
class NewsletterPages {

    private final SubscriptionService subscriptions;

    NewsletterPages(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/newsletter/confirm/{token}")
    Mono<Rendering> askToConfirm(@PathVariable String token) {
        return page(subscriptions
                .find(token)
                .map(subscriber -> Rendering.view("pages/confirm")
                        .modelAttribute("token", token)
                        .modelAttribute("email", subscriber.email())
                        .build()));
    }

    @PostMapping("/newsletter/confirm/{token}")
    Mono<Rendering> confirm(@PathVariable String token) {
        return page(subscriptions
                .confirm(token)
                .map(subscriber -> done(
                        "You're subscribed",
                        "Thank you for confirming. You will get the newsletter about: " + topics(subscriber) + ".",
                        token)));
    }

    @GetMapping("/newsletter/unsubscribe/{token}")
    Mono<Rendering> askToLeave(@PathVariable String token) {
        return page(subscriptions
                .find(token)
                .map(subscriber -> Rendering.view("pages/unsubscribe")
                        .modelAttribute("token", token)
                        .modelAttribute("email", subscriber.email())
                        .build()));
    }

    @PostMapping("/newsletter/unsubscribe/{token}")
    Mono<Rendering> unsubscribe(@PathVariable String token) {
        return page(subscriptions
                .unsubscribe(token)
                .map(subscriber -> done(
                        "You're unsubscribed",
                        "You will not get this newsletter any more. Nothing else to do.",
                        null)));
    }

    @GetMapping("/newsletter/preferences/{token}")
    Mono<Rendering> preferences(@PathVariable String token) {
        return page(subscriptions.find(token).map(subscriber -> preferencesPage(token, subscriber, null, null)));
    }

    @PostMapping("/newsletter/preferences/{token}")
    Mono<Rendering> savePreferences(@PathVariable String token, ServerWebExchange exchange) {
        return page(exchange.getFormData().flatMap(form -> {
            var chosen = chosenTopics(form);
            var name = form.getFirst("name");
            if (chosen.isEmpty() || (name != null && (name.length() > 100 || name.matches(".*\\p{Cntrl}.*")))) {
                return subscriptions
                        .find(token)
                        .map(subscriber -> preferencesPage(
                                token,
                                subscriber,
                                chosen.isEmpty()
                                        ? "Choose at least one topic, or unsubscribe below."
                                        : "Your name must be one line of up to 100 characters.",
                                HttpStatus.BAD_REQUEST));
            }
            return subscriptions
                    .changePreferences(token, name == null || name.isBlank() ? null : name.strip(), chosen)
                    .map(subscriber -> preferencesPage(token, subscriber, null, null)
                            .modelAttribute("saved", true)
                            .build());
        }));
    }

    @PostMapping("/newsletter/erase/{token}")
    Mono<Rendering> erase(@PathVariable String token) {
        return page(subscriptions
                .erase(token)
                .thenReturn(
                        done("Your data is erased", "We no longer hold your address or anything about you.", null)));
    }

    private static LinkedHashSet<String> chosenTopics(MultiValueMap<String, String> form) {
        var chosen = new LinkedHashSet<String>();
        for (var topic : form.getOrDefault("topics", List.of())) {
            if (NewsletterTopics.ALL.contains(topic)) {
                chosen.add(topic);
            }
        }
        return chosen;
    }

    private static Rendering.Builder<?> preferencesPage(
            String token, Subscriber subscriber, String error, HttpStatus status) {
        var page = Rendering.view("pages/preferences")
                .modelAttribute("token", token)
                .modelAttribute("email", subscriber.email())
                .modelAttribute("name", subscriber.name() == null ? "" : subscriber.name())
                .modelAttribute("chosen", subscriber.topics())
                .modelAttribute("topics", NewsletterTopics.ALL)
                .modelAttribute("error", error);
        return status == null ? page : page.status(status);
    }

    private static Rendering done(String title, String message, String token) {
        return Rendering.view("pages/done")
                .model(Map.of("title", title, "message", message))
                .modelAttribute("token", token)
                .build();
    }

    private static String topics(Subscriber subscriber) {
        return String.join(", ", subscriber.topics()).replace('-', ' ');
    }

    /** A link that is not valid, or a subscription that ended, gets a page that says so, not a stack trace. */
    private static Mono<Rendering> page(Mono<?> page) {
        return page.map(result -> result instanceof Rendering.Builder<?> builder ? builder.build() : (Rendering) result)
                .onErrorResume(SubscriptionNotFound.class, e -> Mono.just(problemPage(HttpStatus.NOT_FOUND, e)))
                .onErrorResume(SubscriptionEnded.class, e -> Mono.just(problemPage(HttpStatus.GONE, e)));
    }

    private static Rendering problemPage(HttpStatus status, RuntimeException e) {
        return Rendering.view("pages/done")
                .model(Map.of("title", "This link does not work any more", "message", e.getMessage()))
                .status(status)
                .build();
    }
}
