package org.convene.notifications.webhook.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.convene.notifications.newsletter.domain.Organiser;
import org.convene.notifications.web.OrganiserPrincipal;
import org.convene.notifications.webhook.domain.WebhookDelivery;
import org.convene.notifications.webhook.domain.WebhookEndpoint;
import org.convene.notifications.webhook.domain.WebhookEventTypes;
import org.convene.notifications.webhook.domain.WebhookService;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * An organisation's outgoing webhooks (issue 22, ADR 17): endpoints, their signing secret (shown when
 * made and when rotated, never again), their deliveries and "send again". Organisers of the organisation
 * only; another organisation's are not found. Nothing here is cached.
 */
@RestController
class WebhookController {

    private static final String BASE = "/api/organisations/{organisationId}/webhooks";
    private static final String ID = "[A-Za-z0-9_-]{1,80}";
    private static final String TYPE_MESSAGE =
            "must be one of " + "event.published, event.rescheduled, event.cancelled, "
                    + "registration.confirmed, registration.waitlisted, registration.promoted, registration.cancelled, "
                    + "attendee.checked_in, newsletter.sent, booking_request.received";

    /** A new endpoint. */
    record NewEndpoint(
            @NotBlank @Size(max = 2000) @SingleLineText String url,
            @Size(max = 200) @SingleLineText String description,

            @NotEmpty @Size(max = 10)
            Set<@NotNull @Pattern(regexp = WebhookEventTypes.PATTERN, message = TYPE_MESSAGE) String> eventTypes,

            Boolean personalDetails) {}

    /** The endpoint as it should be from now on (everything but the secret). */
    record EndpointUpdate(
            @NotBlank @Size(max = 2000) @SingleLineText String url,
            @Size(max = 200) @SingleLineText String description,

            @NotEmpty @Size(max = 10)
            Set<@NotNull @Pattern(regexp = WebhookEventTypes.PATTERN, message = TYPE_MESSAGE) String> eventTypes,

            @NotNull Boolean personalDetails,
            @NotNull Boolean enabled) {}

    record EndpointView(
            String id,
            String url,
            @Nullable String description,
            List<String> eventTypes,
            boolean personalDetails,
            boolean enabled,
            @Nullable String disabledReason,
            Instant createdAt,
            Instant updatedAt,
            @Nullable Instant previousSecretUntil) {}

    /** Only when made and when its secret is rotated. */
    record EndpointWithSecret(EndpointView endpoint, String secret) {}

    record DeliveryView(
            String id,
            String type,
            String status,
            int attempts,
            @Nullable Integer lastStatusCode,
            @Nullable String lastError,
            Instant createdAt,
            @Nullable Instant lastAttemptAt,
            Instant nextAttemptAt,
            @Nullable Instant deliveredAt,
            @Nullable String body) {}

    private final WebhookService webhooks;

    WebhookController(WebhookService webhooks) {
        this.webhooks = webhooks;
    }

    @PostMapping(BASE)
    Mono<ResponseEntity<EndpointWithSecret>> create(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @Valid @RequestBody NewEndpoint request) {
        return webhooks.create(
                        organiser(jwt),
                        organisationId,
                        new WebhookService.Changes(
                                request.url(),
                                blankToNull(request.description()),
                                request.eventTypes(),
                                request.personalDetails(),
                                true))
                .map(created -> ResponseEntity.created(
                                URI.create("/api/organisations/" + organisationId + "/webhooks/" + created.id()))
                        .cacheControl(CacheControl.noStore())
                        .body(new EndpointWithSecret(view(created), created.secret())));
    }

    @GetMapping(BASE)
    Mono<ResponseEntity<List<EndpointView>>> list(
            @AuthenticationPrincipal Jwt jwt, @PathVariable @Pattern(regexp = ID) String organisationId) {
        return webhooks.list(organiser(jwt), organisationId)
                .map(WebhookController::view)
                .collectList()
                .map(WebhookController::noStore);
    }

    @GetMapping(BASE + "/{id}")
    Mono<ResponseEntity<EndpointView>> get(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id) {
        return webhooks.find(organiser(jwt), organisationId, id).map(found -> noStore(view(found)));
    }

    @PutMapping(BASE + "/{id}")
    Mono<ResponseEntity<EndpointView>> update(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id,
            @Valid @RequestBody EndpointUpdate request) {
        return webhooks.update(
                        organiser(jwt),
                        organisationId,
                        id,
                        new WebhookService.Changes(
                                request.url(),
                                blankToNull(request.description()),
                                request.eventTypes(),
                                request.personalDetails(),
                                request.enabled()))
                .map(updated -> noStore(view(updated)));
    }

    @DeleteMapping(BASE + "/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id) {
        return webhooks.delete(organiser(jwt), organisationId, id);
    }

    /** A new signing secret, shown once; the previous one keeps signing beside it for a while. */
    @PostMapping(BASE + "/{id}/secret")
    Mono<ResponseEntity<EndpointWithSecret>> rotateSecret(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id) {
        return webhooks.rotateSecret(organiser(jwt), organisationId, id)
                .map(rotated -> noStore(new EndpointWithSecret(view(rotated), rotated.secret())));
    }

    /** The newest first. */
    @GetMapping(BASE + "/{id}/deliveries")
    Mono<ResponseEntity<List<DeliveryView>>> deliveries(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        return webhooks.deliveries(organiser(jwt), organisationId, id, limit)
                .map(delivery -> view(delivery, false))
                .collectList()
                .map(WebhookController::noStore);
    }

    @GetMapping(BASE + "/{id}/deliveries/{deliveryId}")
    Mono<ResponseEntity<DeliveryView>> delivery(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String deliveryId) {
        return webhooks.delivery(organiser(jwt), organisationId, id, deliveryId)
                .map(found -> noStore(view(found, true)));
    }

    /** "Send again": pending now, same webhook-id, a fresh retry period. */
    @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/resend")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Mono<DeliveryView> resend(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable @Pattern(regexp = ID) String organisationId,
            @PathVariable @Pattern(regexp = ID) String id,
            @PathVariable @Pattern(regexp = ID) String deliveryId) {
        return webhooks.sendAgain(organiser(jwt), organisationId, id, deliveryId)
                .map(again -> view(again, false));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static EndpointView view(WebhookEndpoint endpoint) {
        return new EndpointView(
                endpoint.id(),
                endpoint.url(),
                endpoint.description(),
                endpoint.eventTypes().stream().sorted().toList(),
                endpoint.personalDetails(),
                endpoint.enabled(),
                endpoint.disabledReason(),
                endpoint.createdAt(),
                endpoint.updatedAt(),
                endpoint.previousSecretUntil());
    }

    private static DeliveryView view(WebhookDelivery delivery, boolean withBody) {
        return new DeliveryView(
                delivery.id(),
                delivery.type(),
                delivery.status().name(),
                delivery.attempts(),
                delivery.lastStatusCode(),
                delivery.lastError(),
                delivery.createdAt(),
                delivery.lastAttemptAt(),
                delivery.nextAttemptAt(),
                delivery.deliveredAt(),
                withBody ? delivery.body() : null);
    }

    /** The acting organiser, as the domain names them; 403 for anyone else. */
    private static Organiser organiser(Jwt jwt) {
        var principal = OrganiserPrincipal.require(jwt);
        return new Organiser(principal.subject(), principal.organisationId(), principal.email(), principal.admin());
    }
}
