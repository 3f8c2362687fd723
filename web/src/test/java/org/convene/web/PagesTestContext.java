package org.convene.web;

import java.io.IOException;
import org.convene.testing.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one application context the pages' tests share: the pages on a random port, the three services'
 * APIs as one recording stub over real HTTP ({@link StubServices}), and tokens from the shared test issuer.
 * Every test class of the pages extends this, so Spring starts the context once for all of them; the stub
 * lives as long as the test JVM (closing it after one class would break the next).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "convene.web.api-timeout=1s",
            "management.tracing.export.enabled=false",
            "convene.web.public-base-url=https://convene.example.org"
        })
// Rendering a page is milliseconds; 30 s only so a loaded CI machine's pauses do not fail a test (5 s by default).
@AutoConfigureWebTestClient(timeout = "PT30S")
abstract class PagesTestContext {

    static final StubServices services = stub();
    static final String CSRF = "5b0b1e0e-3a4c-4d59-9e0f-6f1d3f1c2a7b";

    private static StubServices stub() {
        try {
            return new StubServices();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("convene.web.services.events", services::url);
        registry.add("convene.web.services.registrations", services::url);
        registry.add("convene.web.services.notifications", services::url);
        registry.add("convene.security.jwk-set-uri", () -> TestTokens.shared().jwkSetUri());
        registry.add("convene.security.issuer", () -> TestTokens.ISSUER);
        registry.add("convene.security.audience", () -> TestTokens.AUDIENCE);
    }
}
