package org.convene.web.preferences;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the language and reading-mode switches send the person back to: a path on this site, with its
 * query, and nothing else. Anything that could leave the site ({@code //evil.example}, {@code /\evil},
 * {@code https://…}, control characters) becomes the home page, so the switch is no open redirect.
 */
public final class ReturnPath {

    static final int MOST = 2_000;

    private ReturnPath() {}

    public static String of(String sent) {
        if (sent == null
                || sent.isEmpty()
                || sent.length() > MOST
                || sent.charAt(0) != '/'
                || sent.startsWith("//")
                || sent.indexOf('\\') >= 0
                || sent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            return "/";
        }
        try {
            var uri = new URI(sent);
            if (uri.getScheme() != null || uri.getRawAuthority() != null || uri.getRawPath() == null) {
                return "/";
            }
            return uri.getRawQuery() == null ? uri.getRawPath() : uri.getRawPath() + "?" + uri.getRawQuery();
        } catch (URISyntaxException unreadable) {
            return "/";
        }
    }
}
