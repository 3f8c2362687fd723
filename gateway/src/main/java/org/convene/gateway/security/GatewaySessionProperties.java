package org.convene.gateway.security;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/** Where the browser lands after signing in ({@code convene.gateway.after-sign-in}). */
@Validated
@ConfigurationProperties("convene.gateway")
public record GatewaySessionProperties(@NotBlank String afterSignIn) {}
