package org.convene.notifications.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.jspecify.annotations.Nullable;

/** Tells a refusal that will never change (5xx for the address) from one that may pass later. */
public final class SmtpFailures {

    private SmtpFailures() {}

    public static boolean isPermanent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            // The SMTP reply leads the server's refusal, e.g. "550 5.1.1 no such user".
            if (cause instanceof SendFailedException && startsWithPermanentCode(cause.getMessage())) {
                return true;
            }
            if (cause instanceof MessagingException messaging
                    && messaging.getNextException() != null
                    && startsWithPermanentCode(messaging.getNextException().getMessage())) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWithPermanentCode(@Nullable String message) {
        return String.valueOf(message).matches("(?s)^5\\d\\d\\b.*");
    }
}
