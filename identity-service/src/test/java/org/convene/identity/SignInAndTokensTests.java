package org.convene.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.convene.identity.account.domain.AccountService;
import org.convene.identity.account.domain.OrganisationId;
import org.convene.identity.account.domain.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity provider as its clients use it, over real HTTP: the gateway's authorization-code
 * flow with PKCE through the sign-in page, refresh tokens, and API clients' client credentials.
 */
class SignInAndTokensTests extends IdentityIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

    @LocalServerPort
    int port;

    @Autowired
    JwtDecoder decoder;

    @Autowired
    AccountService accounts;

    private final HttpClient http = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void anOrganisationsApiClientGetsATokenForItsOrganisationWithClientCredentials() throws Exception {
        var response = token(DEMO_CLIENT, DEMO_CLIENT_SECRET, Map.of("grant_type", "client_credentials"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var jwt = decoder.decode(field(response, "access_token"));
        assertThat(jwt.getSubject()).isEqualTo(DEMO_CLIENT);
        assertThat(jwt.getClaimAsString("org_id")).isEqualTo("demo");
        assertThat(jwt.getClaimAsStringList("roles")).containsExactly("organiser");
        assertThat(jwt.getAudience()).containsExactly("convene");
        assertThat(jwt.getIssuer()).hasToString("http://localhost:9000");
    }

    @Test
    void aWrongClientSecretGetsNoToken() throws Exception {
        var response = token(DEMO_CLIENT, DEMO_CLIENT_SECRET + "x", Map.of("grant_type", "client_credentials"));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).doesNotContain("access_token");
    }

    @Test
    void anOrganiserSignsInWithAuthorizationCodeAndPkceAndGetsTokensThatRefreshOnce() throws Exception {
        var verifier = randomUrlSafe(32);
        var authorize = authorizeUrl(challenge(verifier));

        var toLogin = get(authorize);
        assertThat(toLogin.statusCode()).isEqualTo(302);
        assertThat(location(toLogin)).endsWith("/login");
        var backToAuthorize = signIn(DEMO_EMAIL, DEMO_PASSWORD);
        assertThat(backToAuthorize.statusCode()).isEqualTo(302);
        var withCode = get(location(backToAuthorize));
        assertThat(withCode.statusCode()).isEqualTo(302);
        var redirect = URI.create(location(withCode));
        assertThat(redirect.toString()).startsWith(GATEWAY_REDIRECT);
        var query = query(redirect);
        assertThat(query).containsEntry("state", "state-1").containsKey("code");

        var tokens = token(
                "convene-gateway",
                GATEWAY_SECRET,
                Map.of(
                        "grant_type",
                        "authorization_code",
                        "code",
                        query.get("code"),
                        "redirect_uri",
                        GATEWAY_REDIRECT,
                        "code_verifier",
                        verifier));
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        var access = decoder.decode(field(tokens, "access_token"));
        assertThat(access.getClaimAsString("org_id")).isEqualTo("demo");
        assertThat(access.getClaimAsStringList("roles")).containsExactly("organiser");
        assertThat(access.getAudience()).containsExactly("convene");
        assertThat(access.getSubject()).as("the account id, not the email").doesNotContain("@");
        assertThat(field(tokens, "id_token")).isNotBlank();

        var refreshToken = field(tokens, "refresh_token");
        var refreshed = token(
                "convene-gateway",
                GATEWAY_SECRET,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
        assertThat(decoder.decode(field(refreshed, "access_token")).getSubject())
                .isEqualTo(access.getSubject());

        var replayed = token(
                "convene-gateway",
                GATEWAY_SECRET,
                Map.of("grant_type", "refresh_token", "refresh_token", refreshToken));
        assertThat(replayed.statusCode()).as("a used refresh token is spent").isEqualTo(400);
        assertThat(replayed.body()).contains("invalid_grant");
    }

    @Test
    void anAuthorizationRequestWithoutPkceGetsNoCode() throws Exception {
        signIn(DEMO_EMAIL, DEMO_PASSWORD);
        var response = get(authorizeUrl(null));

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(query(URI.create(location(response))))
                .doesNotContainKey("code")
                .containsKey("error");
    }

    @Test
    void theSignInPageAnswersAnUnknownEmailExactlyAsAWrongPassword() throws Exception {
        var email = newOrganiser();

        var wrongPassword = signIn(email, "not-the-right-password-at-all");
        var unknownEmail = signIn("nobody-" + UUID.randomUUID() + "@example.org", "not-the-right-password-at-all");

        assertThat(wrongPassword.statusCode()).isEqualTo(302);
        assertThat(location(wrongPassword)).endsWith("/login?error").isEqualTo(location(unknownEmail));
        assertThat(unknownEmail.statusCode()).isEqualTo(wrongPassword.statusCode());
        var page = get(base() + "/login?error");
        assertThat(page.body()).contains("do not match an active account").doesNotContain("no account", "unknown");
    }

    @Test
    void repeatedWrongPasswordsLockTheEmailForAWhileEvenAgainstTheRightPassword() throws Exception {
        var email = newOrganiser();
        for (int attempt = 0; attempt < 3; attempt++) {
            assertThat(location(signIn(email, "wrong-password-" + attempt))).endsWith("/login?error");
        }

        var locked = signIn(email, "wrong-password-again");
        var rightPasswordWhileLocked = signIn(email, PASSWORD_OF_NEW_ORGANISERS);

        assertThat(location(locked)).endsWith("/login?wait");
        assertThat(location(rightPasswordWhileLocked)).endsWith("/login?wait");
        assertThat(get(base() + "/login?wait").body()).contains("Too many attempts");
    }

    @Test
    void anEmailWithoutAnAccountIsLockedTheSameWaySoLockoutRevealsNothing() throws Exception {
        var stranger = "stranger-" + UUID.randomUUID() + "@example.org";
        for (int attempt = 0; attempt < 4; attempt++) {
            signIn(stranger, "wrong-password-" + attempt);
        }

        assertThat(location(signIn(stranger, "wrong-password-again"))).endsWith("/login?wait");
    }

    @Test
    void discoveryNamesTheIssuerAndItsKeys() throws Exception {
        var discovery = get(base() + "/.well-known/openid-configuration");
        assertThat(discovery.statusCode()).isEqualTo(200);
        assertThat(field(discovery, "issuer")).isEqualTo("http://localhost:9000");
        var jwks = get(base() + "/oauth2/jwks");
        assertThat(jwks.body()).contains("\"kty\":\"RSA\"").doesNotContain("\"d\":");
    }

    static final String PASSWORD_OF_NEW_ORGANISERS = "quiet-lantern-meadow-41";

    private String newOrganiser() {
        var email = "organiser-" + UUID.randomUUID() + "@example.org";
        accounts.create(
                email,
                "Test Organiser",
                PASSWORD_OF_NEW_ORGANISERS,
                new OrganisationId("test-org"),
                Set.of(Role.ORGANISER));
        return email;
    }

    private String authorizeUrl(String challenge) {
        var parameters = new LinkedHashMap<String, String>();
        parameters.put("response_type", "code");
        parameters.put("client_id", "convene-gateway");
        parameters.put("scope", "openid profile email");
        parameters.put("redirect_uri", GATEWAY_REDIRECT);
        parameters.put("state", "state-1");
        parameters.put("nonce", "nonce-1");
        if (challenge != null) {
            parameters.put("code_challenge", challenge);
            parameters.put("code_challenge_method", "S256");
        }
        return base() + "/oauth2/authorize?" + form(parameters);
    }

    private HttpResponse<String> signIn(String email, String password) throws Exception {
        var page = get(base() + "/login");
        var csrf = CSRF.matcher(page.body());
        assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
        return http.send(
                HttpRequest.newBuilder(URI.create(base() + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                form(Map.of("email", email, "password", password, "_csrf", csrf.group(1)))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> token(String clientId, String secret, Map<String, String> parameters)
            throws Exception {
        var basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form(parameters)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String url) throws Exception {
        var absolute = url.startsWith("http") ? url : base() + url;
        return http.send(
                HttpRequest.newBuilder(URI.create(absolute))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElse("");
    }

    private static String field(HttpResponse<String> response, String name) {
        return JSON.readTree(response.body()).path(name).asString();
    }

    private static Map<String, String> query(URI uri) {
        var query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        return List.of(query.split("&")).stream()
                .filter(part -> part.contains("="))
                .collect(Collectors.toMap(
                        part -> part.substring(0, part.indexOf('=')),
                        part -> java.net.URLDecoder.decode(
                                part.substring(part.indexOf('=') + 1), StandardCharsets.UTF_8),
                        (a, b) -> a));
    }

    private static String form(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String challenge(String verifier) throws Exception {
        var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    }

    private static String randomUrlSafe(int bytes) {
        var random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
