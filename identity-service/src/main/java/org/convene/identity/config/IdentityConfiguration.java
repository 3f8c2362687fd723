package org.convene.identity.config;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.convene.identity.account.domain.AccountService;
import org.convene.identity.account.domain.Accounts;
import org.convene.identity.account.domain.PasswordPolicy;
import org.convene.identity.account.domain.SignInAttempts;
import org.convene.identity.account.domain.SignInThrottle;
import org.convene.identity.client.domain.ApiClientService;
import org.convene.identity.client.domain.ApiClients;
import org.convene.identity.client.registration.ConveneRegisteredClients;
import org.convene.identity.token.issuing.ConveneTokenClaims;
import org.convene.identity.token.persistence.MongoAuthorizationService;
import org.convene.identity.token.persistence.MongoSigningKeys;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Argon2id for everything new (passwords and client secrets), with the algorithm named in each
     * stored hash, so older hashes (bcrypt) still verify and are replaced at the next sign-in.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        var encoders = Map.<String, PasswordEncoder>of(
                ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(), "bcrypt", new BCryptPasswordEncoder());
        return new DelegatingPasswordEncoder(ARGON2, encoders);
    }

    @Bean
    PasswordPolicy passwordPolicy(IdentityProperties properties) {
        return new PasswordPolicy(properties.passwordMinLength(), breachedPasswords());
    }

    @Bean
    AccountService accountService(Accounts accounts, PasswordPolicy policy, PasswordEncoder encoder, Clock clock) {
        var hasher = hasher(encoder);
        return new AccountService(accounts, policy, hasher, clock);
    }

    @Bean
    ApiClientService apiClientService(ApiClients clients, PasswordEncoder encoder, Clock clock) {
        var hasher = hasher(encoder);
        return new ApiClientService(clients, hasher, clock);
    }

    @Bean
    SignInThrottle signInThrottle(SignInAttempts attempts, Clock clock, IdentityProperties properties) {
        var signIn = properties.signIn();
        return new SignInThrottle(
                attempts,
                clock,
                signIn.freeFailures(),
                signIn.firstLockout(),
                signIn.maxLockout(),
                signIn.forgetAfter());
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(MongoTemplate mongo) {
        return new ImmutableJWKSet<>(new JWKSet(MongoSigningKeys.current(mongo)));
    }

    /**
     * Bearer tokens on this service's own API (and the OIDC user-info endpoint): its own tokens,
     * checked for signature, expiry, issuer and audience like every other service checks them.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource, IdentityProperties properties) {
        var decoder =
                (NimbusJwtDecoder) org.springframework.security.config.annotation.web.configuration
                        .OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer().toString()),
                new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains(properties.audience()))));
        return decoder;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(IdentityProperties properties) {
        return AuthorizationServerSettings.builder()
                .issuer(properties.issuer().toString())
                .build();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> tokenClaims(
            Accounts accounts, ApiClients clients, IdentityProperties properties) {
        return new ConveneTokenClaims(
                accounts,
                clients,
                properties.audience(),
                properties.gatewayClient().clientId());
    }

    @Bean
    OAuth2AuthorizationService authorizationService(MongoTemplate mongo) {
        return new MongoAuthorizationService(mongo);
    }

    @Bean
    RegisteredClientRepository registeredClientRepository(
            ApiClients clients, IdentityProperties properties, PasswordEncoder encoder) {
        var hasher = hasher(encoder);
        return new ConveneRegisteredClients(clients, properties, hasher);
    }

    /** The shipped list of the commonest breached passwords and base words (see PasswordPolicy). */
    private static Set<String> breachedPasswords() {
        var resource = new ClassPathResource("common-passwords.txt");
        try (var reader =
                new BufferedReader(new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
            var words = new HashSet<String>();
            reader.lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .forEach(words::add);
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the common-passwords list", e);
        }
    }

    /** The hash of a password or secret; the encoder answers null only when given null, which never happens here. */
    private static UnaryOperator<String> hasher(PasswordEncoder encoder) {
        return raw -> Objects.requireNonNull(encoder.encode(raw), "hash");
    }
}
