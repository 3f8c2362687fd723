package org.convene.notifications.subscription.web;

import java.util.regex.Pattern;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionService;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Settles the language of a newsletter page before its handler runs (issue 21): WebFlux picks the view's
 * locale before the handler's answer arrives, so a page cannot choose it once it has read the subscriber.
 * The subscriber's own language, from their private link; when they save a new one, the new one.
 */
@Component
class SubscriberLanguage implements WebFilter {

    private static final Pattern PAGE =
            Pattern.compile("/newsletter/(confirm|unsubscribe|preferences|erase)/([A-Za-z0-9_-]{1,100})");

    private final SubscriptionService subscriptions;

    SubscriberLanguage(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        var page = PAGE.matcher(
                exchange.getRequest().getPath().pathWithinApplication().value());
        if (!page.matches()) {
            return chain.filter(exchange);
        }
        var saving =
                page.group(1).equals("preferences") && exchange.getRequest().getMethod() == HttpMethod.POST;
        var chosenNow = saving
                ? exchange.getFormData()
                        .mapNotNull(form -> form.getFirst("language"))
                        .filter(PageLocales.LANGUAGES::contains)
                : Mono.<String>empty();
        return chosenNow
                .switchIfEmpty(Mono.defer(() -> subscriptions
                        .find(page.group(2))
                        .map(Subscriber::language)
                        // An unknown link gets its page from the handler, in the browser's language.
                        .onErrorResume(unknown -> Mono.empty())))
                .doOnNext(language -> PageLocales.choose(exchange, language))
                .then(chain.filter(exchange));
    }
}
