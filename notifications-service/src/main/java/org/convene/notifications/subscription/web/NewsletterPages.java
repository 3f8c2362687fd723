package org.convene.notifications.subscription.web;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionEnded;
import org.convene.notifications.subscription.domain.SubscriptionNotFound;
import org.convene.notifications.subscription.domain.SubscriptionService;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
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
    private final MessageSource messages;

    NewsletterPages(SubscriptionService subscriptions, MessageSource messages) {
        this.subscriptions = subscriptions;
        this.messages = messages;
    }

    @GetMapping("/newsletter/confirm/{token}")
    Mono<Rendering> askToConfirm(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions
                        .find(token)
                        .map(subscriber -> inTheirLanguage(exchange, subscriber)
                                .view("pages/confirm")
                                .modelAttribute("token", token)
                                .modelAttribute("email", subscriber.email())
                                .build()));
    }

    @PostMapping("/newsletter/confirm/{token}")
    Mono<Rendering> confirm(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions
                        .confirm(token)
                        .map(subscriber -> done(
                                inTheirLanguage(exchange, subscriber),
                                "pages.done.subscribed",
                                token,
                                topics(subscriber, exchange))));
    }

    @GetMapping("/newsletter/unsubscribe/{token}")
    Mono<Rendering> askToLeave(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions
                        .find(token)
                        .map(subscriber -> inTheirLanguage(exchange, subscriber)
                                .view("pages/unsubscribe")
                                .modelAttribute("token", token)
                                .modelAttribute("email", subscriber.email())
                                .build()));
    }

    @PostMapping("/newsletter/unsubscribe/{token}")
    Mono<Rendering> unsubscribe(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions
                        .unsubscribe(token)
                        .map(subscriber ->
                                done(inTheirLanguage(exchange, subscriber), "pages.done.unsubscribed", null)));
    }

    @GetMapping("/newsletter/preferences/{token}")
    Mono<Rendering> preferences(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions.find(token).map(subscriber -> preferencesPage(exchange, token, subscriber, null, null)));
    }

    @PostMapping("/newsletter/preferences/{token}")
    Mono<Rendering> savePreferences(@PathVariable String token, ServerWebExchange exchange) {
        return page(exchange, exchange.getFormData().flatMap(form -> {
            var chosen = chosenTopics(form);
            var name = form.getFirst("name");
            var language = form.getFirst("language");
            if (chosen.isEmpty() || (name != null && (name.length() > 100 || name.matches(".*\\p{Cntrl}.*")))) {
                return subscriptions
                        .find(token)
                        .map(subscriber -> preferencesPage(
                                exchange,
                                token,
                                subscriber,
                                chosen.isEmpty() ? "pages.preferences.error.topics" : "pages.preferences.error.name",
                                HttpStatus.BAD_REQUEST));
            }
            return subscriptions
                    .changePreferences(
                            token,
                            name == null || name.isBlank() ? null : name.strip(),
                            chosen,
                            // A language we do not write in is no change; the box unticked is no Easy Read.
                            language != null && PageLocales.LANGUAGES.contains(language) ? language : null,
                            "true".equals(form.getFirst("easyRead")))
                    .map(subscriber -> preferencesPage(exchange, token, subscriber, null, null)
                            .modelAttribute("saved", true)
                            .build());
        }));
    }

    @PostMapping("/newsletter/erase/{token}")
    Mono<Rendering> erase(@PathVariable String token, ServerWebExchange exchange) {
        return page(
                exchange,
                subscriptions
                        .find(token)
                        .map(subscriber -> inTheirLanguage(exchange, subscriber))
                        .flatMap(rendering -> subscriptions.erase(token).thenReturn(rendering))
                        .map(rendering -> done(rendering, "pages.done.erased", null)));
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

    /** Every page about a subscriber speaks their language; rendering starts here so the order is plain. */
    private static RenderingStart inTheirLanguage(ServerWebExchange exchange, Subscriber subscriber) {
        PageLocales.choose(exchange, subscriber.language());
        return new RenderingStart(exchange);
    }

    /** The page's language is settled; what follows builds the page. */
    private record RenderingStart(ServerWebExchange exchange) {
        Rendering.Builder<?> view(String name) {
            return Rendering.view(name);
        }
    }

    private Rendering.Builder<?> preferencesPage(
            ServerWebExchange exchange,
            String token,
            Subscriber subscriber,
            @Nullable String errorKey,
            @Nullable HttpStatus status) {
        var page = inTheirLanguage(exchange, subscriber)
                .view("pages/preferences")
                .modelAttribute("token", token)
                .modelAttribute("email", subscriber.email())
                .modelAttribute("name", subscriber.name() == null ? "" : subscriber.name())
                .modelAttribute("chosen", subscriber.topics())
                .modelAttribute("topics", NewsletterTopics.ALL)
                .modelAttribute("languages", PageLocales.LANGUAGES)
                .modelAttribute("language", subscriber.language())
                .modelAttribute("easyRead", subscriber.wantsEasyRead());
        if (errorKey != null) {
            page.modelAttribute("error", text(exchange, errorKey));
        }
        return status == null ? page : page.status(status);
    }

    private Rendering done(RenderingStart start, String kind, @Nullable String token, Object... args) {
        var done = start.view("pages/done")
                .model(Map.of(
                        "title", text(start.exchange(), kind + ".title"),
                        "message", text(start.exchange(), kind + ".message", args)));
        // No token: a page with no way back (they left or erased their data).
        if (token != null) {
            done.modelAttribute("token", token);
        }
        return done.build();
    }

    private String topics(Subscriber subscriber, ServerWebExchange exchange) {
        return String.join(
                text(exchange, "pages.list.separator"),
                subscriber.topics().stream()
                        .map(topic -> messages.getMessage(
                                "pages.about." + topic,
                                null,
                                topic.replace('-', ' '),
                                exchange.getLocaleContext().getLocale()))
                        .toList());
    }

    private String text(ServerWebExchange exchange, String key, Object... args) {
        return messages.getMessage(key, args, exchange.getLocaleContext().getLocale());
    }

    /** A link that is not valid, or a subscription that ended, gets a page that says so, not a stack trace. */
    private Mono<Rendering> page(ServerWebExchange exchange, Mono<?> page) {
        return page.map(result -> result instanceof Rendering.Builder<?> builder ? builder.build() : (Rendering) result)
                .onErrorResume(
                        SubscriptionNotFound.class,
                        e -> Mono.just(problemPage(exchange, HttpStatus.NOT_FOUND, "pages.broken.notFound")))
                .onErrorResume(
                        SubscriptionEnded.class,
                        e -> Mono.just(problemPage(exchange, HttpStatus.GONE, "pages.broken.ended")));
    }

    private Rendering problemPage(ServerWebExchange exchange, HttpStatus status, String messageKey) {
        return Rendering.view("pages/done")
                .model(Map.of("title", text(exchange, "pages.broken.title"), "message", text(exchange, messageKey)))
                .status(status)
                .build();
    }
}
