package org.convene.notifications.webhook.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.UUID;
import org.convene.notifications.newsletter.domain.Organiser;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Organisers' webhook endpoints and their deliveries (issue 22, ADR 17). Everything is scoped to the
 * organiser's own organisation: another organisation's endpoints are not found. A URL is checked
 * (scheme, host, every address it resolves to) before anything is stored.
 */
public class WebhookService {

    /** What an organiser asks for; null fields of an update are left as they are. */
    /** What an organiser changes of an endpoint; null: unchanged. */
    public record Changes(
            @Nullable String url,
            @Nullable String description,
            @Nullable Set<String> eventTypes,
            @Nullable Boolean personalDetails,
            @Nullable Boolean enabled) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebhookEndpoints endpoints;
    private final WebhookDeliveries deliveries;
    private final WebhookDestinations destinations;
    private final Clock clock;
    private final int maxEndpoints;
    private final Duration retryFor;
    private final Duration previousSecretFor;

    public WebhookService(
            WebhookEndpoints endpoints,
            WebhookDeliveries deliveries,
            WebhookDestinations destinations,
            Clock clock,
            int maxEndpoints,
            Duration retryFor,
            Duration previousSecretFor) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.destinations = destinations;
        this.clock = clock;
        this.maxEndpoints = maxEndpoints;
        this.retryFor = retryFor;
        this.previousSecretFor = previousSecretFor;
    }

    public Mono<WebhookEndpoint> create(Organiser organiser, String organisationId, Changes request) {
        // A change may leave the URL as it is; a new endpoint has one (the request was validated for it).
        var url = java.util.Objects.requireNonNull(request.url(), "a new endpoint's URL");
        return own(organiser, organisationId).then(Mono.defer(() -> check(url))).then(Mono.defer(() -> {
            var now = clock.instant();
            var endpoint = new WebhookEndpoint(
                    "we_" + UUID.randomUUID().toString().replace("-", ""),
                    organisationId,
                    url,
                    request.description(),
                    Set.copyOf(request.eventTypes()),
                    Boolean.TRUE.equals(request.personalDetails()),
                    true,
                    null,
                    WebhookSignatures.newSecret(),
                    null,
                    null,
                    now,
                    now);
            return endpoints
                    .insert(endpoint)
                    .switchIfEmpty(Mono.error(() -> new TooManyWebhookEndpoints(maxEndpoints)));
        }));
    }

    public Flux<WebhookEndpoint> list(Organiser organiser, String organisationId) {
        return own(organiser, organisationId).thenMany(Flux.defer(() -> endpoints.of(organisationId)));
    }

    public Mono<WebhookEndpoint> find(Organiser organiser, String organisationId, String id) {
        return own(organiser, organisationId)
                .then(Mono.defer(() -> endpoints.find(organisationId, id)))
                .switchIfEmpty(Mono.error(WebhookEndpointNotFound::new));
    }

    public Mono<WebhookEndpoint> update(Organiser organiser, String organisationId, String id, Changes changes) {
        return find(organiser, organisationId, id).flatMap(found -> {
            var checked = changes.url() == null || changes.url().equals(found.url())
                    ? Mono.<Void>empty()
                    : check(changes.url());
            var enabled = changes.enabled() == null ? found.enabled() : changes.enabled();
            var reason = enabled
                    ? null
                    : changes.enabled() == null ? found.disabledReason() : WebhookEndpoint.DISABLED_BY_ORGANISER;
            var updated = new WebhookEndpoint(
                    found.id(),
                    found.organisationId(),
                    changes.url() == null ? found.url() : changes.url(),
                    changes.description() == null ? found.description() : changes.description(),
                    changes.eventTypes() == null ? found.eventTypes() : Set.copyOf(changes.eventTypes()),
                    changes.personalDetails() == null ? found.personalDetails() : changes.personalDetails(),
                    enabled,
                    reason,
                    found.secret(),
                    found.previousSecret(),
                    found.previousSecretUntil(),
                    found.createdAt(),
                    clock.instant());
            return checked.then(Mono.defer(() -> endpoints.save(updated)));
        });
    }

    /** A new secret, shown once; the old one still signs beside it for a while so receivers can switch. */
    public Mono<WebhookEndpoint> rotateSecret(Organiser organiser, String organisationId, String id) {
        return find(organiser, organisationId, id).flatMap(found -> {
            var now = clock.instant();
            return endpoints.save(new WebhookEndpoint(
                    found.id(),
                    found.organisationId(),
                    found.url(),
                    found.description(),
                    found.eventTypes(),
                    found.personalDetails(),
                    found.enabled(),
                    found.disabledReason(),
                    WebhookSignatures.newSecret(),
                    found.secret(),
                    now.plus(previousSecretFor),
                    found.createdAt(),
                    now));
        });
    }

    public Mono<Void> delete(Organiser organiser, String organisationId, String id) {
        return own(organiser, organisationId)
                .then(Mono.defer(() -> endpoints.delete(organisationId, id)))
                .flatMap(deleted -> deleted ? deliveries.removeOf(id) : Mono.error(new WebhookEndpointNotFound()));
    }

    public Flux<WebhookDelivery> deliveries(Organiser organiser, String organisationId, String endpointId, int limit) {
        return find(organiser, organisationId, endpointId).flatMapMany(found -> deliveries.of(found.id(), limit));
    }

    public Mono<WebhookDelivery> delivery(Organiser organiser, String organisationId, String endpointId, String id) {
        return find(organiser, organisationId, endpointId)
                .flatMap(found -> deliveries.find(found.id(), id))
                .switchIfEmpty(Mono.error(WebhookDeliveryNotFound::new));
    }

    /** "Send again": pending now, with a fresh retry period, at the same id (so receivers can still dedupe). */
    public Mono<WebhookDelivery> sendAgain(Organiser organiser, String organisationId, String endpointId, String id) {
        return find(organiser, organisationId, endpointId)
                .flatMap(found -> {
                    var now = clock.instant();
                    return deliveries.sendAgain(found.id(), id, now, now.plus(retryFor));
                })
                .switchIfEmpty(Mono.error(WebhookDeliveryNotFound::new));
    }

    /** Whether a fact of this type could go anywhere: when not, a listener need not look anything up. */
    public Mono<Boolean> anyEndpointWants(String type) {
        return endpoints.anyWanting(type);
    }

    /**
     * One delivery per endpoint of the organisation that chose the fact's type and existed when it happened
     * (a new endpoint is not sent the past when messages are read again).
     */
    public Mono<Void> fanOut(WebhookFact fact) {
        return endpoints
                .of(fact.organisationId())
                .filter(endpoint -> endpoint.wants(fact.type()))
                .filter(endpoint -> !endpoint.createdAt().isAfter(fact.occurredAt()))
                .concatMap(endpoint -> deliveries.enqueue(delivery(endpoint, fact)))
                .then();
    }

    private WebhookDelivery delivery(WebhookEndpoint endpoint, WebhookFact fact) {
        var now = clock.instant();
        return new WebhookDelivery(
                WebhookDelivery.idFor(endpoint.id(), fact.id()),
                endpoint.id(),
                endpoint.organisationId(),
                fact.id(),
                fact.type(),
                fact.aggregateId(),
                fact.sequence(),
                body(endpoint, fact),
                WebhookDeliveryStatus.PENDING,
                0,
                null,
                null,
                null,
                now,
                now.plus(retryFor),
                UUID.randomUUID().toString(),
                null,
                now,
                null);
    }

    /** The body is fixed when the delivery is made, so every attempt sends the same bytes. */
    static String body(WebhookEndpoint endpoint, WebhookFact fact) {
        var data = new LinkedHashMap<String, Object>(fact.data());
        if (endpoint.personalDetails()
                && fact.personal() != null
                && !fact.personal().isEmpty()) {
            data.put("person", fact.personal());
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("type", fact.type());
        body.put("timestamp", fact.occurredAt().toString());
        body.put("organisationId", fact.organisationId());
        body.put("data", data);
        return JSON.writeValueAsString(body);
    }

    private Mono<Void> own(Organiser organiser, String organisationId) {
        // Another organisation's endpoints are not found rather than forbidden: nothing says they exist.
        return organiser.organisationId().equals(organisationId)
                ? Mono.empty()
                : Mono.error(new WebhookEndpointNotFound());
    }

    private Mono<Void> check(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Mono.error(new WebhookUrlRefused("must be an absolute https URL"));
        }
        if (!uri.isAbsolute() || uri.getHost() == null || uri.isOpaque()) {
            return Mono.error(new WebhookUrlRefused("must be an absolute https URL"));
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Mono.error(new WebhookUrlRefused("must not carry a user name, password or fragment"));
        }
        return destinations.check(uri);
    }
}
