package org.convene.web.preferences;

import java.net.URI;
import java.net.URISyntaxException;
import org.jspecify.annotations.Nullable;

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

    /**
     * The path and query of a Referer, whatever its host: only they are kept, so the person stays on this
     * site. Behind the gateway the pages do not see the public host name, so it cannot be compared.
     */
    public static String fromReferer(@Nullable String referer) {
        if (referer == null || referer.length() > MOST) {
            return "/";
        }
        try {
            var from = new URI(referer);
            var path = from.getRawPath();
            if (path == null || path.isEmpty()) {
                return "/";
            }
            return of(from.getRawQuery() == null ? path : path + "?" + from.getRawQuery());
        } catch (URISyntaxException unreadable) {
            return "/";
        }
    }
}
