package org.convene.notifications.subscription.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.notifications.subscription.domain.Subscriber;
import org.convene.notifications.subscription.domain.SubscriptionService;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The public side of the newsletter: subscribe (the same answer whether or not the address is
 * known), and, by the private token from the emails, confirm, see and change topics, leave,
 * export and erase. No account, no sign-in.
 */
@RestController
class SubscriptionController {

    private static final String TOKEN = "[A-Za-z0-9_-]{20,100}";

    record NewSubscription(
            @NotBlank
            @Size(max = 60)
            @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be an organisation id")
            String organisationId,

            @NotBlank @Email @Size(max = 254) String email,

            @Size(max = 100) @SingleLineText @Nullable String name,

            @NotEmpty @Size(max = 10)
            Set<
                            @Pattern(
                                    regexp = NewsletterTopics.PATTERN,
                                    message = "must be one of workshops, training, blog-posts, podcasts")
                            String>
                    topics,

            @Pattern(regexp = LANGUAGE, message = "must be one of en-GB, cy, ar") @Nullable
            String language,

            @Nullable Boolean easyRead) {}

    /** The languages we write in (issue 21); absent means en-GB on subscribing, unchanged on a change. */
    static final String LANGUAGE = "en-GB|cy|ar";

    record Preferences(
            @Size(max = 100) @SingleLineText @Nullable String name,

            @NotEmpty @Size(max = 10)
            Set<
                            @Pattern(
                                    regexp = NewsletterTopics.PATTERN,
                                    message = "must be one of workshops, training, blog-posts, podcasts")
                            String>
                    topics,

            @Pattern(regexp = LANGUAGE, message = "must be one of en-GB, cy, ar") @Nullable
            String language,

            @Nullable Boolean easyRead) {}

    record Accepted(String message) {}

    record SubscriptionView(
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            String status,
            List<String> availableTopics,
            String language,
            boolean easyRead) {}

    record ExportView(
            String organisationId,
            String email,
            @Nullable String name,
            Set<String> topics,
            String status,
            Instant subscribedAt,
            @Nullable Instant confirmedAt,
            @Nullable Instant unsubscribedAt,
            List<ReceivedView> newsletters) {}

    record ReceivedView(
            String subject, String status, @Nullable Instant sentAt) {}

    private final SubscriptionService subscriptions;

    SubscriptionController(SubscriptionService subscriptions) {
        this.subscriptions = subscriptions;
    }

    @PostMapping("/api/newsletter/subscriptions")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Accepted> subscribe(@Valid @RequestBody NewSubscription request) {
        return subscriptions
                .subscribe(
                        request.organisationId(),
                        request.email(),
                        blankToNull(request.name()),
                        request.topics(),
                        request.language() == null ? Subscriber.DEFAULT_LANGUAGE : request.language(),
                        Boolean.TRUE.equals(request.easyRead()))
                .thenReturn(
                        new Accepted(
                                "Thank you. Check your inbox: we have sent a link to confirm, unless this address is subscribed already."));
    }

    @PostMapping("/api/newsletter/subscriptions/{token}/confirmation")
    Mono<SubscriptionView> confirm(@PathVariable @Pattern(regexp = TOKEN) String token) {
        return subscriptions.confirm(token).map(SubscriptionController::view);
    }

    @GetMapping("/api/newsletter/subscriptions/{token}")
    Mono<SubscriptionView> get(@PathVariable @Pattern(regexp = TOKEN) String token) {
        return subscriptions.find(token).map(SubscriptionController::view);
    }

    @PutMapping("/api/newsletter/subscriptions/{token}")
    Mono<SubscriptionView> change(
            @PathVariable @Pattern(regexp = TOKEN) String token, @Valid @RequestBody Preferences request) {
        return subscriptions
                .changePreferences(
                        token, blankToNull(request.name()), request.topics(), request.language(), request.easyRead())
                .map(SubscriptionController::view);
    }

    /** Any body is accepted, RFC 8058's {@code List-Unsubscribe=One-Click} form included. */
    @PostMapping("/api/newsletter/subscriptions/{token}/unsubscribe")
    Mono<SubscriptionView> unsubscribe(@PathVariable @Pattern(regexp = TOKEN) String token) {
        return subscriptions.unsubscribe(token).map(SubscriptionController::view);
    }

    @GetMapping(value = "/api/newsletter/subscriptions/{token}/export", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<ExportView>> export(@PathVariable @Pattern(regexp = TOKEN) String token) {
        return subscriptions.export(token).map(export -> {
            var s = export.subscriber();
            var body = new ExportView(
                    s.organisationId(),
                    s.email(),
                    s.name(),
                    s.topics(),
                    s.status().name(),
                    s.subscribedAt(),
                    s.confirmedAt(),
                    s.unsubscribedAt(),
                    export.newsletters().stream()
                            .map(received -> new ReceivedView(received.subject(), received.status(), received.sentAt()))
                            .toList());
            return ResponseEntity.ok()
                    .header("Content-Disposition", "attachment; filename=\"my-newsletter-data.json\"")
                    .header("Cache-Control", "no-store")
                    .body(body);
        });
    }

    @DeleteMapping("/api/newsletter/subscriptions/{token}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> erase(@PathVariable @Pattern(regexp = TOKEN) String token) {
        return subscriptions.erase(token);
    }

    private static SubscriptionView view(Subscriber subscriber) {
        return new SubscriptionView(
                subscriber.organisationId(),
                subscriber.email(),
                subscriber.name(),
                subscriber.topics(),
                subscriber.status().name(),
                NewsletterTopics.ALL,
                subscriber.language(),
                subscriber.wantsEasyRead());
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
