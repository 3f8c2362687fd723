package org.convene.support.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * The one token validation of every reactive service that accepts organisers' tokens (events,
 * registrations, notifications and the pages): {@link JwtSecurity#decoder} from {@link
 * TokenProperties}. Each service keeps only its own list of public endpoints. The gateway, which
 * relays tokens and validates none, leaves this out (its application.yml).
 */
@AutoConfiguration(before = ReactiveOAuth2ResourceServerAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenSecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder jwtDecoder(TokenProperties tokens) {
        return JwtSecurity.decoder(tokens.issuerUri(), tokens.jwkSetUri(), tokens.issuer(), tokens.audience());
    }
}
