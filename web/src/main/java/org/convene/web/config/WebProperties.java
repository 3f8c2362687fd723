package org.convene.web.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the services' APIs are, how long a page waits for them, what the public pages offer by default,
 * and the public address people reach the pages at, for links organisers copy ({@code convene.web}).
 */
@Validated
@ConfigurationProperties("convene.web")
public record WebProperties(
        @NotNull Services services,
        @DefaultValue("5s") Duration apiTimeout,
        @NotBlank @DefaultValue("demo") String newsletterOrganisation,

        @NotBlank @DefaultValue("/oauth2/authorization/convene")
        String signInPath,

        @NotNull @DefaultValue("http://localhost:8080") URI publicBaseUrl) {

    public record Services(
            @NotNull URI events,
            @NotNull URI registrations,
            @NotNull URI notifications) {}
}
