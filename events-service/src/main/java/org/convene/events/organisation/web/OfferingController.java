package org.convene.events.organisation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.web.IfMatch;
import org.convene.events.event.web.OrganiserPrincipal;
import org.convene.events.organisation.domain.Offering;
import org.convene.events.organisation.domain.OfferingKind;
import org.convene.events.organisation.domain.Offerings;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationService;
import org.convene.support.text.MultiLineText;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * What an organisation offers, for its booking request form (ADR 14): public to read (names,
 * descriptions and kinds, nobody's details); replaced as a whole by its organisers, with the
 * organisation's {@code ETag} / {@code If-Match} as for its other changes.
 */
@RestController
class OfferingController {

    private static final String PATH = "/api/organisations/{id}/offerings";

    /** The whole list; an entry without an id keeps the id of the current offering of that name, if any. */
    record OfferingsChange(
            @NotNull @Size(max = Offerings.MAX) List<@NotNull @Valid OfferingInput> offerings) {}

    record OfferingInput(
            @Size(max = 20) @Pattern(regexp = "[a-z0-9]+", message = "must be an id this API gave out") @Nullable
            String id,

            @NotBlank @Size(max = Offering.MAX_NAME) @SingleLineText
            String name,

            @Size(max = Offering.MAX_DESCRIPTION) @MultiLineText @Nullable
            String description,

            @NotNull OfferingKind kind) {

        Offering offering() {
            return new Offering(
                    id == null || id.isBlank() ? null : id,
                    name.strip(),
                    description == null || description.isBlank() ? null : description.strip(),
                    kind);
        }
    }

    record OfferingView(String id, String name, @Nullable String description, OfferingKind kind) {}

    record OfferingsView(List<OfferingView> offerings) {}

    private final OrganisationService organisations;

    OfferingController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @GetMapping(PATH)
    Mono<ResponseEntity<OfferingsView>> list(@PathVariable String id) {
        return organisations.offerings(new OrganisationId(id)).map(OfferingController::respond);
    }

    @PutMapping(PATH)
    Mono<ResponseEntity<OfferingsView>> replace(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody OfferingsChange change) {
        return organisations
                .replaceOfferings(
                        OrganiserPrincipal.require(jwt),
                        new OrganisationId(id),
                        IfMatch.version(ifMatch),
                        change.offerings().stream().map(OfferingInput::offering).toList())
                .map(OfferingController::respond);
    }

    private static ResponseEntity<OfferingsView> respond(Organisation organisation) {
        return ResponseEntity.ok()
                .eTag("\"" + organisation.version() + "\"")
                .body(new OfferingsView(organisation.offerings().stream()
                        .map(offering -> new OfferingView(
                                // Offerings.replace gives every stored offering an id.
                                java.util.Objects.requireNonNull(offering.id()),
                                offering.name(),
                                offering.description(),
                                offering.kind()))
                        .toList()));
    }
}
