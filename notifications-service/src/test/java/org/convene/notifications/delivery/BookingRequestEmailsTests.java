package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.convene.contracts.Topics;
import org.convene.contracts.requests.BookingRequestMessage;
import org.convene.contracts.requests.BookingRequestMessageType;
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
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Booking requests (ADR 14) from convene.requests.v1 to a real SMTP server: the requester's
 * acknowledgement, the organisation's alert and the organiser's reply, each once however often the
 * message comes; erasure leaves no trace of the requester in the delivery records. Shares
 * TransactionalEmailTests' application context.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class BookingRequestEmailsTests {

    @Autowired
    Organisations organisations;

    @Autowired
    ReactiveMongoTemplate mongo;

    private final Inbox inbox = Inbox.shared();
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final String organisation = "voices-" + tag;
    private final String requester = "sam-" + tag + "@rutland.example";
    private final String contact = "team-" + tag + "@voices.example";
    private final String requestId = UUID.randomUUID().toString();

    private void exactlyOne(String email, String subjectStart) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.to(email, subjectStart).size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox.to(email, subjectStart).size() == 1);
    }

    private void knownOrganisation(Messages messages) throws Exception {
        messages.organisation(organisation, "Voices of Care", contact, "hello-" + tag + "@voices.example", false);
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        organisations.find(new OrganisationId(organisation)).block() != null);
    }

    private BookingRequestMessage message(BookingRequestMessageType type, long version, String replyText) {
        return message(type, version, replyText, null);
    }

    private BookingRequestMessage message(
            BookingRequestMessageType type, long version, String replyText, String offeringName) {
        var erased = type == BookingRequestMessageType.BookingRequestErased;
        return new BookingRequestMessage(
                UUID.randomUUID(),
                type,
                Instant.now(),
                requestId,
                version,
                organisation,
                type == BookingRequestMessageType.BookingRequestReceived
                        ? BookingRequestMessage.Status.NEW
                        : BookingRequestMessage.Status.IN_DISCUSSION,
                offeringName == null ? BookingRequestMessage.Kind.KEYNOTE : BookingRequestMessage.Kind.OFFERING,
                offeringName,
                "Rutland County Council",
                erased ? null : "Sam Patel",
                erased ? null : requester,
                replyText,
                null);
    }

    @Test
    void aNewRequestIsAcknowledgedToTheRequesterAndAnnouncedToTheOrganisationOnce(CapturedOutput output)
            throws Exception {
        try (var messages = new Messages()) {
            knownOrganisation(messages);
            var received = message(BookingRequestMessageType.BookingRequestReceived, 1, null);
            messages.send(Topics.REQUESTS, requestId, received);
            messages.send(Topics.REQUESTS, requestId, received);

            exactlyOne(requester, "We have your request");
            var acknowledgement = inbox.to(requester).getFirst();
            assertThat(acknowledgement.getSubject()).isEqualTo("We have your request: a keynote");
            assertThat(acknowledgement.getMessageID()).isEqualTo("<" + received.messageId() + ".requester@convene>");
            assertThat(acknowledgement.getReplyTo()[0].toString()).isEqualTo("hello-" + tag + "@voices.example");
            var parts = Inbox.parts(acknowledgement);
            assertThat(parts.text())
                    .contains("Hello Sam Patel", "a keynote for Rutland County Council", "Voices of Care");
            assertThat(parts.html()).contains("<h1", "We have your request");

            exactlyOne(contact, "New booking request");
            var alert = inbox.to(contact).getFirst();
            assertThat(alert.getSubject()).isEqualTo("New booking request: a keynote for Rutland County Council");
            var alertParts = Inbox.parts(alert);
            assertThat(alertParts.text()).contains("Sign in to Convene").doesNotContain("Sam", requester);
            assertThat(alertParts.html()).doesNotContain("Sam", requester);
        }
        assertThat(output.getAll()).doesNotContain(requester, "Sam Patel", contact);
    }

    @Test
    void aRequestForOneOfTheOrganisationsOfferingsIsCalledByItsName() throws Exception {
        try (var messages = new Messages()) {
            knownOrganisation(messages);
            var received = message(BookingRequestMessageType.BookingRequestReceived, 1, null, "Young carers awareness");
            messages.send(Topics.REQUESTS, requestId, received);

            exactlyOne(requester, "We have your request");
            var acknowledgement = inbox.to(requester).getFirst();
            assertThat(acknowledgement.getSubject()).isEqualTo("We have your request: “Young carers awareness”");
            var parts = Inbox.parts(acknowledgement);
            assertThat(parts.text()).contains("“Young carers awareness” for Rutland County Council");
            assertThat(parts.html()).contains("“Young carers awareness”");

            exactlyOne(contact, "New booking request");
            assertThat(inbox.to(contact).getFirst().getSubject())
                    .isEqualTo("New booking request: “Young carers awareness” for Rutland County Council");

            messages.send(
                    Topics.REQUESTS,
                    requestId,
                    message(
                            BookingRequestMessageType.BookingRequestReplied,
                            2,
                            "Yes, we can.",
                            "Young carers awareness"));
            exactlyOne(requester, "A reply to your request");
            assertThat(inbox.to(requester, "A reply to your request").getFirst().getSubject())
                    .isEqualTo("A reply to your request: “Young carers awareness”");
        }
    }

    @Test
    void theOrganisersReplyReachesTheRequesterWithItsLineBreaksOnce() throws Exception {
        try (var messages = new Messages()) {
            knownOrganisation(messages);
            var reply = message(
                    BookingRequestMessageType.BookingRequestReplied,
                    3,
                    "Dear Sam,\nwe can do 10 March in the morning.\n<b>Not bold</b>");
            messages.send(Topics.REQUESTS, requestId, reply);
            messages.send(Topics.REQUESTS, requestId, reply);

            exactlyOne(requester, "A reply to your request");
            var mail = inbox.to(requester).getFirst();
            assertThat(mail.getSubject()).isEqualTo("A reply to your request: a keynote");
            var parts = Inbox.parts(mail);
            // Plain text is not HTML: the reply reads as written, with its line breaks.
            assertThat(parts.text().replace("\r\n", "\n"))
                    .contains("Dear Sam,\nwe can do 10 March in the morning.\n<b>Not bold</b>");
            assertThat(parts.html())
                    .contains("white-space: pre-line", "&lt;b&gt;Not bold&lt;/b&gt;")
                    .doesNotContain("<b>Not bold</b>");
        }
    }

    @Test
    void erasingTheRequesterLeavesNoAddressNameOrReplyInAnyDelivery() throws Exception {
        try (var messages = new Messages()) {
            knownOrganisation(messages);
            messages.send(
                    Topics.REQUESTS,
                    requestId,
                    message(BookingRequestMessageType.BookingRequestReplied, 2, "Private words for Sam"));
            exactlyOne(requester, "A reply to your request");

            messages.send(Topics.REQUESTS, requestId, message(BookingRequestMessageType.BookingRequestErased, 3, null));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var stored = mongo.findAll(org.bson.Document.class, "deliveries")
                        .map(org.bson.Document::toJson)
                        .filter(json -> json.contains(requestId))
                        .collectList()
                        .block();
                assertThat(stored)
                        .isNotEmpty()
                        .noneMatch(json -> json.contains(requester)
                                || json.contains("Sam Patel")
                                || json.contains("Private words"));
            });
        }
    }
}
