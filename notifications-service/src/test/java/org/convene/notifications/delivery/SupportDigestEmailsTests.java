package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.support.SupportDigestMessage;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The consumer's side of convene.support.v1: the documented sample, as registrations-service publishes it,
 * becomes exactly one email to the organisation's contact address, however often it comes, with every
 * event's times in its own zone and each need in words with how many people need it. Shares
 * TransactionalEmailTests' application context.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class SupportDigestEmailsTests {

    private static final Path SAMPLE = Path.of("")
            .toAbsolutePath()
            .getParent()
            .resolve("docs/messages/convene.support.v1/SupportOutstanding.json");

    @Autowired
    Organisations organisations;

    private final JsonMapper json = JsonMapper.builder().build();
    private final Inbox inbox = Inbox.shared();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String organisation = "voices-" + tag;
    private final String contact = "team-" + tag + "@voices.example";

    @Test
    void aDigestBecomesOneEmailToTheOrganisationsContactWithTheNeedsInWords(CapturedOutput output) throws Exception {
        var sample = (ObjectNode) json.readTree(Files.readString(SAMPLE));
        sample.put("messageId", UUID.randomUUID().toString());
        sample.put("organisationId", organisation);
        var digest = json.treeToValue(sample, SupportDigestMessage.class);

        try (var messages = new Messages()) {
            messages.organisation(organisation, "Voices of Care", contact, "hello-" + tag + "@voices.example", false);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            organisations.find(new OrganisationId(organisation)).block() != null);

            messages.send(Topics.SUPPORT, organisation, digest);
            messages.send(Topics.SUPPORT, organisation, digest);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> inbox.to(contact, "Support still to arrange").size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> inbox.to(contact, "Support still to arrange").size() == 1);
        }

        var mail = inbox.to(contact).getFirst();
        assertThat(mail.getSubject()).isEqualTo("Support still to arrange: 2 events");
        assertThat(mail.getMessageID()).isEqualTo("<" + digest.messageId() + ".organisation@convene>");
        var parts = Inbox.parts(mail);
        assertThat(parts.text().replace("\r\n", "\n"))
                .contains(
                        "Peer research workshop\n"
                                + "When: Wednesday 10 March 2027, 6:00 pm (Europe/London)\n"
                                + "Arrange by: Wednesday 3 March 2027, 6:00 pm\n"
                                + "- BSL interpreter: 2 people\n"
                                + "- Step free access: 1 person\n"
                                + "- Something else, in their own words: 1 person\n",
                        "Training day: listening to young people\n"
                                + "When: Monday 15 March 2027, 9:30 am (Europe/London)\n"
                                + "Arrange by: Monday 8 March 2027, 9:30 am\n"
                                + "- Food needs: 3 people\n",
                        "on each event's page when you sign in");
        assertThat(parts.html()).contains("<h1", "Support still to arrange", "<h2", "BSL interpreter", "2 people");
        assertThat(output.getAll()).doesNotContain(contact);
    }
}
