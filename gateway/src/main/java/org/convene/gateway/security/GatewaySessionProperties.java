package org.convene.gateway.security;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the browser lands after signing in ({@code convene.gateway.after-sign-in}), and where signed-in
 * sessions are kept ({@code convene.gateway.session-store}, {@link SharedSessions}).
 */
@Validated
@ConfigurationProperties("convene.gateway")
public record GatewaySessionProperties(
        @NotBlank String afterSignIn, @NotNull SessionStore sessionStore) {

    /** {@code memory}: this gateway only; {@code redis} or {@code mongodb}: shared by every gateway (ADR 18). */
    public enum SessionStore {
        MEMORY,
        REDIS,
        MONGODB
    }
}
