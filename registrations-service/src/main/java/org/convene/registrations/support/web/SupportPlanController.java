package org.convene.registrations.support.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.convene.registrations.registration.domain.EventId;
import org.convene.registrations.registration.web.OrganiserTokens;
import org.convene.registrations.support.domain.SupportPlanService;
import org.convene.registrations.support.domain.SupportPlanService.EventSupport;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The organiser's plan for an event's support needs: what is still to arrange and by when, marking a
 * need arranged (everyone who asked for it hears once), taking that back, and the deadline. Another
 * organisation's event is not found; nothing here is cached.
 */
@RestController
class SupportPlanController {

    /** A need as the plan lists it: a kind's code, or {@code OTHER:<registration>[/<member>]}. */
    static final String NEED = "[A-Z][A-Z0-9_]{0,79}|OTHER:[A-Za-z0-9-]{1,60}(/[a-z0-9]{1,20})?";

    record Arrange(
            @NotNull @Pattern(regexp = NEED, message = "is not a need of this event")
            String need,

            @Size(max = 300) @SingleLineText String note) {}

    record Withdraw(
            @NotNull @Pattern(regexp = NEED, message = "is not a need of this event")
            String need) {}

    record Deadline(@NotNull @Min(0) @Max(60) Integer daysBefore) {}

    /** What has been arranged for the person, in plain kinds: for their own page (the private link). */
    record ArrangedView(String need, @Nullable String note) {}

    private final SupportPlanService plans;
    private final org.convene.registrations.registration.domain.RegistrationService registrations;

    SupportPlanController(
            SupportPlanService plans, org.convene.registrations.registration.domain.RegistrationService registrations) {
        this.plans = plans;
        this.registrations = registrations;
    }

    @GetMapping("/api/registrations/manage/{token}/arranged")
    Mono<ResponseEntity<java.util.List<ArrangedView>>> arranged(@PathVariable String token) {
        return registrations
                .view(token)
                .flatMap(outcome -> plans.arrangedFor(outcome.registration()))
                .map(arranged -> ResponseEntity.ok()
                        .cacheControl(CacheControl.noStore())
                        .body(arranged.stream()
                                .map(each -> new ArrangedView(each.need(), each.note()))
                                .toList()));
    }

    @GetMapping("/api/events/{eventId}/support-plan")
    Mono<ResponseEntity<EventSupport>> plan(@AuthenticationPrincipal Jwt jwt, @PathVariable String eventId) {
        return plans.plan(OrganiserTokens.organiser(jwt), new EventId(eventId)).map(SupportPlanController::fresh);
    }

    @PostMapping("/api/events/{eventId}/support-plan/arrangements")
    Mono<ResponseEntity<EventSupport>> arrange(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String eventId, @Valid @RequestBody Arrange arrange) {
        return plans.arrange(OrganiserTokens.organiser(jwt), new EventId(eventId), arrange.need(), arrange.note())
                .map(SupportPlanController::fresh);
    }

    @PostMapping("/api/events/{eventId}/support-plan/arrangements/withdraw")
    Mono<ResponseEntity<EventSupport>> withdraw(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String eventId, @Valid @RequestBody Withdraw withdraw) {
        return plans.withdraw(OrganiserTokens.organiser(jwt), new EventId(eventId), withdraw.need())
                .map(SupportPlanController::fresh);
    }

    @PutMapping("/api/events/{eventId}/support-plan/deadline")
    Mono<ResponseEntity<EventSupport>> deadline(
            @AuthenticationPrincipal Jwt jwt, @PathVariable String eventId, @Valid @RequestBody Deadline deadline) {
        return plans.deadline(OrganiserTokens.organiser(jwt), new EventId(eventId), deadline.daysBefore())
                .map(SupportPlanController::fresh);
    }

    private static ResponseEntity<EventSupport> fresh(EventSupport support) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(support);
    }
}
