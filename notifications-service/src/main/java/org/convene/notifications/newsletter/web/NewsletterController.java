package org.convene.notifications.newsletter.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.Set;
import org.convene.notifications.newsletter.domain.Newsletter;
import org.convene.notifications.newsletter.domain.NewsletterService;
import org.convene.notifications.newsletter.domain.Organiser;
import org.convene.notifications.newsletter.domain.Progress;
import org.convene.notifications.newsletter.sending.NewsletterEmails;
import org.convene.notifications.subscription.domain.NewsletterTopics;
import org.convene.notifications.web.OrganiserPrincipal;
import org.convene.support.text.MultiLineText;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Organisers' newsletters: write, preview, test, schedule or send now, watch progress, cancel. */
@RestController
class NewsletterController {

    private static final String ID = "[A-Za-z0-9-]{1,80}";

    record NewNewsletter(
            @NotBlank @Size(max = 150) @SingleLineText String subject,

            @NotBlank @Size(max = 50_000) @MultiLineText String markdown,

            @NotEmpty @Size(max = 10)
            Set<
                            @Pattern(
                                    regexp = NewsletterTopics.PATTERN,
                                    message = "must be one of workshops, training, blog-posts, podcasts")
                            String>
                    topics) {}

    /** Absent or past: now. */
    record Schedule(@Nullable Instant sendAt) {}

    record NewsletterView(
            String id,
            String subject,
            String markdown,
            String html,
            Set<String> topics,
            String status,
            @Nullable Instant sendAt,
            Instant createdAt,
            @Nullable Instant startedAt,
            @Nullable Instant finishedAt,
            @Nullable ProgressView progress) {}

    record ProgressView(
            boolean recipientsKnown,
            long recipients,
            long sent,
            long failed,
            long skipped,
            long cancelled,
            long remaining,
            int percentDone) {}

    private final NewsletterService newsletters;
    private final NewsletterEmails emails;

    NewsletterController(NewsletterService newsletters, NewsletterEmails emails) {
        this.newsletters = newsletters;
        this.emails = emails;
    }

    @PostMapping("/api/newsletters")
    Mono<ResponseEntity<NewsletterView>> create(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewNewsletter request) {
        return newsletters
                .create(
                        organiser(jwt),
                        new NewsletterService.Draft(request.subject(), request.markdown(), request.topics()))
                .map(created -> ResponseEntity.created(URI.create("/api/newsletters/" + created.id()))
                        .body(view(created, null)));
    }

    @GetMapping("/api/newsletters")
    Flux<NewsletterView> list(@AuthenticationPrincipal Jwt jwt) {
        return newsletters.list(organiser(jwt)).map(found -> view(found, null));
    }

    /** With its progress while it goes out: poll it. */
    @GetMapping("/api/newsletters/{id}")
    Mono<NewsletterView> get(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return newsletters.find(organiser(jwt), id).map(found -> view(found.newsletter(), found.progress()));
    }

    /** The email as subscribers will see it. */
    @GetMapping(value = "/api/newsletters/{id}/preview", produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> preview(
            @AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return newsletters
                .find(organiser(jwt), id)
                .map(found -> ResponseEntity.ok()
                        .header(
                                "Content-Security-Policy",
                                "default-src 'none'; img-src https: data:; style-src 'unsafe-inline'")
                        .contentType(MediaType.TEXT_HTML)
                        .body(emails.preview(found.newsletter(), null).html()));
    }

    @PostMapping("/api/newsletters/{id}/test")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<Void> test(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return newsletters.sendTest(organiser(jwt), id);
    }

    @PostMapping("/api/newsletters/{id}/schedule")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<NewsletterView> schedule(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestBody(required = false) @Nullable Schedule request) {
        return newsletters
                .schedule(organiser(jwt), id, request == null ? null : request.sendAt())
                .map(scheduled -> view(scheduled, null));
    }

    @PostMapping("/api/newsletters/{id}/cancel")
    Mono<NewsletterView> cancel(@AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String id) {
        return newsletters.cancel(organiser(jwt), id).map(cancelled -> view(cancelled, null));
    }

    private static NewsletterView view(Newsletter newsletter, @Nullable Progress progress) {
        return new NewsletterView(
                newsletter.id(),
                newsletter.subject(),
                newsletter.markdown(),
                newsletter.html(),
                newsletter.topics(),
                newsletter.status().name(),
                newsletter.sendAt(),
                newsletter.createdAt(),
                newsletter.startedAt(),
                newsletter.finishedAt(),
                progress == null ? null : progress(newsletter, progress));
    }

    private static ProgressView progress(Newsletter newsletter, Progress progress) {
        var settled = progress.sent() + progress.failed() + progress.skipped() + progress.cancelled();
        var total = settled + progress.remaining();
        return new ProgressView(
                newsletter.planned(),
                newsletter.planned() ? newsletter.recipients() : total,
                progress.sent(),
                progress.failed(),
                progress.skipped(),
                progress.cancelled(),
                progress.remaining(),
                total == 0 ? (newsletter.planned() ? 100 : 0) : (int) (100 * settled / total));
    }

    /** The acting organiser, as the domain names them; 403 for anyone else. */
    private static Organiser organiser(Jwt jwt) {
        var principal = OrganiserPrincipal.require(jwt);
        return new Organiser(principal.subject(), principal.organisationId(), principal.email(), principal.admin());
    }
}
