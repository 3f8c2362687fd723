package org.convene.web.workshops;

import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The invitation code an invitation link carries ({@code /workshops/{id}?invitation=…}, ADR 13). The page
 * passes it to the APIs, keeps it in its forms and links for the same person, and nowhere else: never in a
 * log line, a redirect to another page or a message. Anything that is not a code is treated as no code.
 */
final class InvitationCode {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{22}");

    private InvitationCode() {}

    /** The code as sent, or {@code null} when none was sent or what was sent cannot be a code. */
    static @Nullable String of(@Nullable String sent) {
        return sent != null && CODE.matcher(sent).matches() ? sent : null;
    }
}
