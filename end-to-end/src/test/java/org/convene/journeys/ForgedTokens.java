package org.convene.journeys;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Bearer tokens an attacker can make: signed by a key of their own (expired, or still valid and claiming the real
 * issuer), unsigned, re-signed with HMAC over the provider's public key (algorithm confusion), or the real token with
 * its claims altered. None may be accepted by any service, on any endpoint.
 */
final class ForgedTokens {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private ForgedTokens() {}

    /** Each forged token with what it is, for the report. */
    static Map<String, String> forge(String realToken, String issuer, String publicJwks) throws Exception {
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        var foreign = generator.generateKeyPair();
        var now = Instant.now().getEpochSecond();
        var claims = "{\"iss\":\"%s\",\"sub\":\"demo-automation\",\"aud\":[\"convene\"],\"org_id\":\"demo\","
                + "\"roles\":[\"organiser\",\"admin\"],\"iat\":%d,\"nbf\":%d,\"exp\":%d}";
        var rs256 = "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"%s\"}";
        var realKid = kid(realToken);
        var tokens = new LinkedHashMap<String, String>();
        tokens.put(
                "expired, signed by a foreign key",
                signRs256(
                        rs256.formatted("foreign"),
                        claims.formatted(issuer, now - 7200, now - 7200, now - 3600),
                        foreign));
        tokens.put(
                "valid times, signed by a foreign key under the provider's key id",
                signRs256(rs256.formatted(realKid), claims.formatted(issuer, now, now, now + 600), foreign));
        tokens.put(
                "another issuer, signed by its own key",
                signRs256(
                        rs256.formatted("foreign"),
                        claims.formatted("https://evil.example", now, now, now + 600),
                        foreign));
        tokens.put(
                "key id path traversal, signed by a foreign key",
                signRs256(
                        rs256.formatted("../../../../dev/null"),
                        claims.formatted(issuer, now, now, now + 600),
                        foreign));
        tokens.put(
                "jku pointing elsewhere, signed by a foreign key",
                signRs256(
                        "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"jku\":\"http://127.0.0.1:1/jwks\",\"kid\":\"x\"}",
                        claims.formatted(issuer, now, now, now + 600),
                        foreign));
        tokens.put(
                "unsigned (alg none)",
                encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "."
                        + encode(claims.formatted(issuer, now, now, now + 600)) + ".");
        tokens.put(
                "HS256 with the provider's public key as secret (algorithm confusion)",
                signHs256(
                        "{\"alg\":\"HS256\",\"typ\":\"JWT\",\"kid\":\"%s\"}".formatted(realKid),
                        claims.formatted(issuer, now, now, now + 600),
                        publicJwks.getBytes(StandardCharsets.UTF_8)));
        var parts = realToken.split("\\.");
        tokens.put(
                "the real token with its organisation altered",
                parts[0] + "." + encode(decode(parts[1]).replace("\"demo\"", "\"other-org\"")) + "." + parts[2]);
        tokens.put("the real token without its signature", parts[0] + "." + parts[1] + ".");
        tokens.put("the real token with a signature of zeros", parts[0] + "." + parts[1] + "." + "A".repeat(342));
        tokens.put("an operator instead of a token", "{\"$ne\":null}");
        tokens.put("$where instead of a token", "$where");
        tokens.put("three empty parts", "..");
        tokens.put("a 20,000-character token", "e".repeat(20_000));
        return tokens;
    }

    private static String kid(String token) {
        var header = decode(token.split("\\.")[0]);
        var matcher =
                java.util.regex.Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        return matcher.find() ? matcher.group(1) : "unknown";
    }

    private static String signRs256(String header, String claims, java.security.KeyPair key) throws Exception {
        var input = encode(header) + "." + encode(claims);
        var signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(key.getPrivate());
        signature.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + URL.encodeToString(signature.sign());
    }

    private static String signHs256(String header, String claims, byte[] secret) throws Exception {
        var input = encode(header) + "." + encode(claims);
        var mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + URL.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }
}
