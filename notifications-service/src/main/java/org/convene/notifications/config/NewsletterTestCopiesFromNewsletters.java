package org.convene.notifications.config;

import java.util.Optional;
import java.util.function.Supplier;
import org.convene.notifications.delivery.sending.NewsletterTestCopies;
import org.convene.notifications.newsletter.domain.Newsletters;
import org.convene.notifications.newsletter.sending.NewsletterEmails;
import org.convene.notifications.organisation.persistence.OrganisationView;
import org.convene.notifications.organisation.persistence.OrganisationViews;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Wires the sending of a newsletter's test copy to the newsletter feature, which writes it for the
 * organisation as it stands. Here, in the composition root, because the newsletter feature's emails still
 * take the organisation's stored view (issue 23): once they take the organisation feature's domain record,
 * this belongs in the newsletter feature.
 */
@Component
class NewsletterTestCopiesFromNewsletters implements NewsletterTestCopies {

    private final Newsletters newsletters;
    private final OrganisationViews organisations;
    private final NewsletterEmails emails;

    NewsletterTestCopiesFromNewsletters(
            Newsletters newsletters, OrganisationViews organisations, NewsletterEmails emails) {
        this.newsletters = newsletters;
        this.organisations = organisations;
        this.emails = emails;
    }

    @Override
    public Mono<Supplier<Copy>> copy(String organisationId, String newsletterId) {
        return newsletters
                .find(organisationId, newsletterId)
                .flatMap(newsletter -> organisations
                        .find(organisationId)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.<OrganisationView>empty())
                        .<Supplier<Copy>>map(found -> () -> {
                            var organisation = found.orElse(null);
                            return new Copy(
                                    emails.sender(organisation),
                                    newsletter.subject(),
                                    emails.preview(newsletter, organisation));
                        }));
    }
}
