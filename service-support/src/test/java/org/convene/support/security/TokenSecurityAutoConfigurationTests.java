package org.convene.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class TokenSecurityAutoConfigurationTests {

    private final ReactiveWebApplicationContextRunner services = new ReactiveWebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(TokenSecurityAutoConfiguration.class));

    @Test
    void bindsTheProviderFromConventionalProperties() {
        services.withPropertyValues(
                        "convene.security.jwk-set-uri=http://127.0.0.1:9/oauth2/jwks",
                        "convene.security.issuer=https://identity.example",
                        "convene.security.audience=convene")
                .run(context -> {
                    assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
                    assertThat(context.getBean(TokenProperties.class))
                            .isEqualTo(new TokenProperties(
                                    "", "http://127.0.0.1:9/oauth2/jwks", "https://identity.example", "convene"));
                });
    }

    @Test
    void refusesEveryTokenWhenNoProviderIsConfigured() {
        services.run(context -> StepVerifier.create(
                        context.getBean(ReactiveJwtDecoder.class).decode("a.b.c"))
                .expectError(BadJwtException.class)
                .verify(Duration.ofSeconds(5)));
    }

    @Test
    void aServiceOwnDecoderWins() {
        ReactiveJwtDecoder own = token -> Mono.error(new BadJwtException("own"));
        services.withBean(ReactiveJwtDecoder.class, () -> own)
                .run(context ->
                        assertThat(context.getBean(ReactiveJwtDecoder.class)).isSameAs(own));
    }
}
