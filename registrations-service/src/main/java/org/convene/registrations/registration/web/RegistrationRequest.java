package org.convene.registrations.registration.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.convene.registrations.registration.domain.AccessNeed;
import org.convene.registrations.registration.domain.AgeBand;
import org.convene.registrations.registration.domain.AttendeeRole;
import org.convene.registrations.registration.domain.CompanionKind;
import org.convene.support.text.MultiLineText;
import org.convene.support.text.SingleLineText;

/**
 * A registration as the form sends it. Consents are explicit: absent means no. Names and other text
 * follow the one input policy of every service ({@link org.convene.support.text.TextPolicy}). An
 * {@code invitation} is the code of an invitation the organiser shared (ADR 13). {@code language} and
 * {@code easyRead}: how the person wants their emails written (issue 21).
 */
public record RegistrationRequest(
        @NotNull @Valid AttendeeRequest attendee,
        @Size(max = 10) List<@NotNull CompanionKind> companions,
        @Valid SupportNeedsRequest supportNeeds,
        @Valid ConsentsRequest consents,
        @Valid GroupRequest group,

        @Pattern(regexp = INVITATION_CODE, message = "is not an invitation code")
        String invitation,

        @Pattern(regexp = LANGUAGE, message = "must be one of en-GB, cy, ar")
        String language,

        Boolean easyRead) {

    /** The languages emails are written in (issue 21); absent means en-GB. */
    public static final String LANGUAGE = "en-GB|cy|ar";

    /** A person changing how they are written to from their manage page. */
    public record ReadingRequest(
            @NotNull @Pattern(regexp = LANGUAGE, message = "must be one of en-GB, cy, ar")
            String language,

            Boolean easyRead) {}

    /** An invitation's code as events-service makes them: 128 random bits, base64url (ADR 13). */
    public static final String INVITATION_CODE = "[A-Za-z0-9_-]{22}";

    /** Young people a worker or carer registers in one go; the event's own limit is checked beyond this bound. */
    public record GroupRequest(
            @Size(max = 100) @SingleLineText String organisation,
            @NotEmpty @Size(max = 50) List<@NotNull @Valid MemberRequest> members) {}

    public record MemberRequest(
            @NotBlank @Size(max = 100) @SingleLineText String name,
            @NotNull AgeBand ageBand,
            @Valid GuardianRequest guardian,
            @Valid SupportNeedsRequest supportNeeds,
            @Valid ConsentsRequest consents,
            @Email @Size(max = 254) String email,
            Boolean ownConfirmation) {}

    public record AttendeeRequest(
            @NotBlank @Size(max = 100) @SingleLineText String name,
            @NotBlank @Email @Size(max = 254) String email,

            @Size(max = 30)
            @SingleLineText
            @Pattern(regexp = "[0-9+() -]*", message = "may contain only digits, spaces and + ( ) -")
            String phone,

            @NotNull AttendeeRole role,
            @NotNull AgeBand ageBand,
            @Valid GuardianRequest guardian) {}

    public record GuardianRequest(
            @Size(max = 100) @SingleLineText String name,
            @Size(max = 254) @SingleLineText String contact,
            Boolean consentGiven) {}

    public record SupportNeedsRequest(
            @Size(max = 60) @SingleLineText String interpreter,
            Set<AccessNeed> access,
            @Size(max = 10) List<@NotBlank @Size(max = 60) @SingleLineText String> dietary,
            @Size(max = 1_000) @MultiLineText String other) {}

    public record ConsentsRequest(Boolean photos, Boolean futureContact) {}
}
