package org.convene.identity;

import org.convene.testing.IntegrationTest;

/**
 * The one identity-service context every integration test shares: the demo organisation switched
 * on with test secrets, the gateway registered, and a quick lockout so tests need few attempts.
 */
@IntegrationTest(
        properties = {
            "convene.identity.issuer=http://localhost:9000",
            "convene.identity.demo.enabled=true",
            "convene.identity.demo.organiser-password=" + IdentityIntegrationTest.DEMO_PASSWORD,
            "convene.identity.demo.client-secret=" + IdentityIntegrationTest.DEMO_CLIENT_SECRET,
            "convene.identity.gateway-client.client-secret=" + IdentityIntegrationTest.GATEWAY_SECRET,
            "convene.identity.gateway-client.redirect-uris=" + IdentityIntegrationTest.GATEWAY_REDIRECT,
            "convene.identity.sign-in.free-failures=3",
            "convene.identity.sign-in.first-lockout=1m"
        })
public abstract class IdentityIntegrationTest {

    // Test fixtures, not secrets: the real ones come from the environment (see ADR 7).
    static final String DEMO_PASSWORD = "plum-orbit-velvet-harbour";
    static final String DEMO_CLIENT_SECRET = "test-client-secret-0123456789abcdef";
    static final String GATEWAY_SECRET = "test-gateway-secret-0123456789abcdef";
    static final String GATEWAY_REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/convene";
    static final String DEMO_EMAIL = "organiser@demo.convene.test";
    static final String DEMO_CLIENT = "demo-automation";
}
