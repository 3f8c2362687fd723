package org.convene.support.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Which organisers' tokens a service accepts ({@code convene.security}): the identity provider's issuer
 * for OIDC discovery, or its JWK set URI with the issuer to expect; and, when set, the audience a token
 * must name. With neither address set every token is refused and only public endpoints work.
 */
@Validated
@ConfigurationProperties("convene.security")
public record TokenProperties(
        @DefaultValue("") String issuerUri,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String issuer,
        @DefaultValue("") String audience) {}
