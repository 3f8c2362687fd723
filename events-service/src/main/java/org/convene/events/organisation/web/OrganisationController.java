package org.convene.events.organisation.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.web.IfMatch;
import org.convene.events.event.web.OrganiserPrincipal;
import org.convene.events.organisation.domain.Organisation;
import org.convene.events.organisation.domain.OrganisationDetails;
import org.convene.events.organisation.domain.OrganisationService;
import org.convene.support.text.SingleLineText;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class OrganisationController {

    /** The id is a lowercase slug ({@code voices-of-care}), the same value organisers' tokens carry. */
    record NewOrganisation(
            @NotBlank
            @Size(max = 60)
            @Pattern(regexp = "[a-z0-9]+(-[a-z0-9]+)*", message = "must be a lowercase slug such as voices-of-care")
            String id,

            @NotBlank @Size(max = 200) @SingleLineText String name,
            @NotBlank @Email @Size(max = 254) String contactEmail,
            @Email @Size(max = 254) String replyTo,

            @Pattern(regexp = BRAND_COLOUR, message = "must be a colour such as #5b2a86")
            String brandColour,

            Boolean announceNewEvents) {

        OrganisationDetails details() {
            return OrganisationController.details(name, contactEmail, replyTo, brandColour, announceNewEvents);
        }
    }

    /** Replaces the organisation's details; absent optional fields are cleared (replyTo, brandColour) or false. */
    record OrganisationChange(
            @NotBlank @Size(max = 200) @SingleLineText String name,
            @NotBlank @Email @Size(max = 254) String contactEmail,
            @Email @Size(max = 254) String replyTo,

            @Pattern(regexp = BRAND_COLOUR, message = "must be a colour such as #5b2a86")
            String brandColour,

            Boolean announceNewEvents) {

        OrganisationDetails details() {
            return OrganisationController.details(name, contactEmail, replyTo, brandColour, announceNewEvents);
        }
    }

    record OrganisationView(
            String id,
            String name,
            String contactEmail,
            @Nullable String replyTo,
            @Nullable String brandColour,
            boolean announceNewEvents,
            long version) {}

    private static final String BRAND_COLOUR = "#[0-9a-fA-F]{6}";

    private final OrganisationService organisations;

    OrganisationController(OrganisationService organisations) {
        this.organisations = organisations;
    }

    @PostMapping("/api/organisations")
    Mono<ResponseEntity<OrganisationView>> register(
            @AuthenticationPrincipal Jwt jwt, @Valid @RequestBody NewOrganisation request) {
        return organisations
                .register(OrganiserPrincipal.require(jwt), new OrganisationId(request.id()), request.details())
                .map(created -> ResponseEntity.created(URI.create("/api/organisations/" + created.id()))
                        .eTag(etag(created))
                        .body(view(created)));
    }

    @GetMapping("/api/organisations/{id}")
    Mono<ResponseEntity<OrganisationView>> get(@AuthenticationPrincipal Jwt jwt, @PathVariable String id) {
        return organisations
                .find(OrganiserPrincipal.require(jwt), new OrganisationId(id))
                .map(found -> ResponseEntity.ok().eTag(etag(found)).body(view(found)));
    }

    @PutMapping("/api/organisations/{id}")
    Mono<ResponseEntity<OrganisationView>> update(
            @AuthenticationPrincipal Jwt jwt,
            @PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @Valid @RequestBody OrganisationChange request) {
        return organisations
                .update(
                        OrganiserPrincipal.require(jwt),
                        new OrganisationId(id),
                        IfMatch.version(ifMatch),
                        request.details())
                .map(updated -> ResponseEntity.ok().eTag(etag(updated)).body(view(updated)));
    }

    private static String etag(Organisation organisation) {
        return "\"" + organisation.version() + "\"";
    }

    private static OrganisationDetails details(
            String name,
            String contactEmail,
            @Nullable String replyTo,
            @Nullable String brandColour,
            @Nullable Boolean announceNewEvents) {
        return new OrganisationDetails(
                name.strip(),
                contactEmail.strip(),
                replyTo == null || replyTo.isBlank() ? null : replyTo.strip(),
                brandColour == null ? null : brandColour.toLowerCase(java.util.Locale.ROOT),
                Boolean.TRUE.equals(announceNewEvents));
    }

    private static OrganisationView view(Organisation organisation) {
        var details = organisation.details();
        return new OrganisationView(
                organisation.id().value(),
                details.name(),
                details.contactEmail(),
                details.replyTo(),
                details.brandColour(),
                details.announceNewEvents(),
                organisation.version());
    }
}
