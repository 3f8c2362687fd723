package org.convene.notifications.delivery.sending;

import java.util.function.Supplier;
import org.convene.notifications.mail.EmailTemplates;
import org.convene.notifications.mail.MailComposer;
import reactor.core.publisher.Mono;

/**
 * What sending needs from the newsletter feature to write a test copy: the newsletter as its subscribers
 * will read it (the links leading nowhere yet), from whom, and its subject. A port, so this feature reads
 * neither the newsletters' store nor the organisation's.
 */
public interface NewsletterTestCopies {

    /**
     * Empty when the newsletter is gone. What is read comes first; the copy is written (CPU work, kept off
     * the store's threads) only when the supplier is called, on the caller's scheduler.
     */
    Mono<Supplier<Copy>> copy(String organisationId, String newsletterId);

    record Copy(MailComposer.Sender sender, String subject, EmailTemplates.Rendered rendered) {}
}
