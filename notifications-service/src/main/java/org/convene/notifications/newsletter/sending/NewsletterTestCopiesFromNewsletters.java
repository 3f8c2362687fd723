package org.convene.notifications.newsletter.sending;

import java.util.Optional;
import java.util.function.Supplier;
import org.convene.notifications.delivery.sending.NewsletterTestCopies;
import org.convene.notifications.newsletter.domain.Newsletters;
import org.convene.notifications.organisation.domain.Organisation;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Writes a newsletter's test copy for delivery's sending, for the organisation as it stands: delivery asks
 * through its port and knows neither the newsletters' store nor the organisation's.
 */
@Component
class NewsletterTestCopiesFromNewsletters implements NewsletterTestCopies {

    private final Newsletters newsletters;
    private final Organisations organisations;
    private final NewsletterEmails emails;

    NewsletterTestCopiesFromNewsletters(Newsletters newsletters, Organisations organisations, NewsletterEmails emails) {
        this.newsletters = newsletters;
        this.organisations = organisations;
        this.emails = emails;
    }

    @Override
    public Mono<Supplier<Copy>> copy(String organisationId, String newsletterId) {
        return newsletters
                .find(organisationId, newsletterId)
                .flatMap(newsletter -> organisations
                        .find(new OrganisationId(organisationId))
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.<Organisation>empty())
                        .<Supplier<Copy>>map(found -> () -> {
                            var organisation = found.orElse(null);
                            return new Copy(
                                    emails.sender(organisation),
                                    newsletter.subject(),
                                    emails.preview(newsletter, organisation));
                        }));
    }
}
