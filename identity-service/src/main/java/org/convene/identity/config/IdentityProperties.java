package org.convene.identity.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** identity-service's settings ({@code convene.identity.*}); secrets come from the environment only. */
@Validated
@ConfigurationProperties("convene.identity")
public record IdentityProperties(
        /* The issuer every token names and every service expects: the URL people and services reach this service at. */
        @NotNull URI issuer,
        /* The audience of access tokens: Convene's services refuse tokens meant for anything else. */
        @NotBlank String audience,
        @NotNull Duration accessTokenTtl,
        @NotNull Duration refreshTokenTtl,
        @Valid @NotNull GatewayClient gatewayClient,
        @Valid @NotNull SignIn signIn,
        @Min(8) int passwordMinLength,
        @Valid @NotNull Demo demo,
        @Valid @NotNull Admin admin) {

    /** The gateway's registration (the browser's sign-in); not registered while its secret is empty. */
    public record GatewayClient(
            @NotBlank String clientId,
            String clientSecret,
            @NotNull List<URI> redirectUris,
            @NotNull List<URI> postLogoutRedirectUris) {

        public boolean configured() {
            return clientSecret != null && !clientSecret.isBlank();
        }
    }

    /** Lockout and backoff after wrong passwords (see SignInThrottle). */
    public record SignIn(
            @Min(1) int freeFailures,
            @NotNull Duration firstLockout,
            @NotNull Duration maxLockout,
            @NotNull Duration forgetAfter) {}

    /** The embedded default's demo organisation, organiser and API client; off unless switched on. */
    public record Demo(
            boolean enabled,
            @NotBlank String organisationId,
            @NotBlank String organiserEmail,
            @NotBlank String organiserName,
            String organiserPassword,
            @NotBlank String clientId,
            String clientSecret) {}

    /** An admin account created at start-up when both email and password are given (a fresh installation's first admin). */
    public record Admin(
            String email, String password, @NotBlank String organisationId) {

        public boolean configured() {
            return email != null && !email.isBlank() && password != null && !password.isBlank();
        }
    }
}
