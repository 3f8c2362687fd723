package org.convene.identity.demo;

import java.util.Set;
import org.convene.identity.account.domain.AccountService;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.account.domain.Role;
import org.convene.identity.client.domain.ApiClientService;
import org.convene.identity.client.domain.ClientId;
import org.convene.identity.config.IdentityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Accounts and clients that configuration asks for, kept in step with the secrets it gives (from
 * the environment, never committed): the embedded default's demo organiser and API client, and a
 * fresh installation's first admin. Secrets are never logged; the local stack prints its own.
 */
@Component
class ConfiguredAccounts implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ConfiguredAccounts.class);

    private final IdentityProperties properties;
    private final AccountService accounts;
    private final ApiClientService clients;

    ConfiguredAccounts(IdentityProperties properties, AccountService accounts, ApiClientService clients) {
        this.properties = properties;
        this.accounts = accounts;
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) {
        var admin = properties.admin();
        if (admin.configured()) {
            accounts.ensure(
                    admin.email(),
                    "Convene admin",
                    admin.password(),
                    new OrganisationId(admin.organisationId()),
                    Set.of(Role.ADMIN));
            // Not the address: no email address goes to a log (invariant 5, docs/invariants.md), an operator's neither.
            log.info("Admin account of organisation {} is ready", admin.organisationId());
        }
        var demo = properties.demo();
        if (!demo.enabled()) {
            return;
        }
        if (isBlank(demo.organiserPassword()) || isBlank(demo.clientSecret())) {
            throw new IllegalStateException("The demo organisation needs CONVENE_DEMO_ORGANISER_PASSWORD and"
                    + " CONVENE_DEMO_CLIENT_SECRET (the local stack generates both on its first run)");
        }
        accounts.ensure(
                demo.organiserEmail(),
                demo.organiserName(),
                demo.organiserPassword(),
                new OrganisationId(demo.organisationId()),
                Set.of(Role.ORGANISER));
        clients.ensure(
                new ClientId(demo.clientId()),
                "Demo automation",
                new OrganisationId(demo.organisationId()),
                demo.clientSecret());
        log.info("Demo organisation {} is ready: one organiser, API client {}", demo.organisationId(), demo.clientId());
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
