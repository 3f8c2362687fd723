package org.convene.notifications.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.InternetAddress;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import net.fortuna.ical4j.data.CalendarBuilder;
import org.convene.contracts.Topics;
import org.convene.contracts.events.EventMessageType;
import org.convene.contracts.registrations.RegistrationMessage;
import org.convene.contracts.registrations.RegistrationMessageType;
import org.convene.notifications.Inbox;
import org.convene.notifications.Messages;
import org.convene.notifications.delivery.persistence.Delivery;
import org.convene.notifications.event.domain.Event;
import org.convene.notifications.event.domain.EventId;
import org.convene.notifications.event.domain.EventStatus;
import org.convene.notifications.event.domain.Events;
import org.convene.notifications.organisation.domain.OrganisationId;
import org.convene.notifications.organisation.domain.Organisations;
import org.convene.testing.IntegrationTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** From messages on the real broker to emails in a real SMTP server, each exactly once. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class TransactionalEmailTests {

    @Autowired
    Events views;

    @Autowired
    Organisations organisations;

    @Autowired
    org.springframework.data.mongodb.core.ReactiveMongoTemplate mongo;

    private final Inbox inbox = Inbox.shared();

    private void awaitOrganisation(String id) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> organisations.find(new OrganisationId(id)).block() != null);
    }

    private void awaitView(String eventId, java.util.function.Predicate<Event> state) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> java.util.Optional.ofNullable(
                                views.find(new EventId(eventId)).block())
                        .filter(state)
                        .isPresent());
    }

    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    private void exactlyOne(String email, String subjectStart) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> inbox.to(email, subjectStart).size() == 1);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> inbox.to(email, subjectStart).size() == 1);
    }

    /** The Content-IDs of the images an email carries in itself. */
    private static List<String> imageContentIds(jakarta.mail.internet.MimeMessage mail) throws Exception {
        var found = new java.util.ArrayList<String>();
        collectImages(mail.getContent(), found);
        return found;
    }

    /** The content of the image the email's HTML shows by this Content-ID. */
    private static byte[] image(jakarta.mail.internet.MimeMessage mail, String contentId) throws Exception {
        var found = new java.util.ArrayList<byte[]>();
        collectImage(mail.getContent(), "<" + contentId + ">", found);
        assertThat(found).as("images named %s", contentId).hasSize(1);
        return found.getFirst();
    }

    private static void collectImage(Object content, String contentId, List<byte[]> found) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = (jakarta.mail.internet.MimeBodyPart) multipart.getBodyPart(i);
                if (part.isMimeType("image/png")) {
                    if (contentId.equals(part.getContentID())) {
                        found.add(part.getInputStream().readAllBytes());
                    }
                } else {
                    collectImage(part.getContent(), contentId, found);
                }
            }
        }
    }

    /** The stored records of the deliveries about a registration, as JSON. */
    private List<String> storedDeliveries(String registrationId) {
        return mongo.findAll(org.bson.Document.class, "deliveries")
                .map(org.bson.Document::toJson)
                .filter(json -> json.contains(registrationId))
                .collectList()
                .block();
    }

    private static void collectImages(Object content, List<String> found) throws Exception {
        if (content instanceof jakarta.mail.Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                var part = (jakarta.mail.internet.MimeBodyPart) multipart.getBodyPart(i);
                if (part.isMimeType("image/png")) {
                    found.add(part.getContentID());
                } else {
                    collectImages(part.getContent(), found);
                }
            }
        }
    }

    @Nested
    class ToThePersonRegistered {

        @Test
        void aConfirmationArrivesOnceWithACalendarEntryAndTheManageLinkEvenWhenTheMessageComesTwice() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "jordan-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var confirmed = messages.confirmed(eventId, email);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);

                exactlyOne(email, "You're booked");
                var mail = inbox.to(email).getFirst();
                assertThat(inbox.to(email)).hasSize(1);
                assertThat(mail.getSubject()).isEqualTo("You're booked: Peer research workshop");
                assertThat(mail.getMessageID()).isEqualTo("<" + confirmed.messageId() + ".attendee@convene>");
                assertThat(mail.getMessageID()).doesNotContain(email);
                var parts = Inbox.parts(mail);
                assertThat(parts.text())
                        .contains(
                                "Hello Jordan",
                                "Wednesday 10 March 2027, 10:00 am",
                                "Community Hall",
                                "You asked for: BSL interpreter");
                assertThat(parts.text()).contains("/manage/" + confirmed.manageToken());
                assertThat(parts.html()).contains("<h1", "Manage my registration", confirmed.manageToken());
                var calendar = new CalendarBuilder().build(new StringReader(parts.ics()));
                assertThat(calendar.getComponents("VEVENT")).hasSize(1);
                assertThat(parts.ics()).contains("UID:" + eventId + "@convene", "Peer research workshop");
            }
        }

        @Test
        void aRegistrationInWelshGetsItsConfirmationInWelshWithItsCalendarEntryAndCheckInQrCode(CapturedOutput output)
                throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "cymraeg-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var code = "Vq3Xb7Lm2Kp9Rt4Wz8Yc1Nd6Hf0Gj5Sa2Eu7Io3Qx4";
                var confirmed = Messages.withCheckInCode(
                        Messages.inReading(messages.confirmed(eventId, email), "cy", false, List.of("INTERPRETER_BSL")),
                        code);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);

                exactlyOne(email, "Mae gennych chi le");
                var mail = inbox.to(email).getFirst();
                assertThat(mail.getSubject()).isEqualTo("Mae gennych chi le: Peer research workshop");
                var parts = Inbox.parts(mail);
                assertThat(parts.text())
                        .contains(
                                "Helo Jordan,",
                                "Mae eich lle wedi'i gadarnhau ar gyfer Peer research workshop.",
                                "Pryd: Dydd Mercher 10 Mawrth 2027",
                                "Gofynnoch chi am: Cyfieithydd BSL",
                                "Eich cod cyrraedd, i'w ddangos wrth y drws: " + code,
                                "/manage/" + confirmed.manageToken())
                        .doesNotContain("Hello", "When:");
                assertThat(parts.html())
                        .contains(
                                "<html lang=\"cy\" dir=\"ltr\"", "Rheoli fy nghofrestriad", "src=\"cid:check-in-qr\"");
                assertThat(parts.html()).contains("alt=\"Cod QR eich cod cyrraedd\"", ">" + code + "<");
                assertThat(imageContentIds(mail)).containsExactly("<check-in-qr>");
                // What a scanner at the door reads is the code the message carried (RegistrationsApiTests:
                // the code registrations-service shows on the manage page).
                assertThat(org.convene.notifications.QrScan.text(image(mail, "check-in-qr")))
                        .isEqualTo(code);
                var calendar = new CalendarBuilder().build(new StringReader(parts.ics()));
                assertThat(calendar.getComponents("VEVENT")).hasSize(1);
                assertThat(parts.ics()).contains("UID:" + eventId + "@convene");
                // Kept only until the email is sent, like the private link; never written to a log.
                await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(storedDeliveries(confirmed.registrationId()))
                                .isNotEmpty()
                                .noneMatch(json -> json.contains(code)));
                assertThat(output.getOut() + output.getErr()).doesNotContain(code);
            }
        }

        @Test
        void someoneWhoAskedForEasyReadMaterialGetsTheEasyReadConfirmationWithItsPictures() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "easy-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                // Not chosen as a reading mode: asked for as an access need.
                var confirmed = Messages.inReading(
                        messages.confirmed(eventId, email), null, null, List.of("EASY_READ", "STEP_FREE_ACCESS"));
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);

                exactlyOne(email, "You're booked");
                var mail = inbox.to(email).getFirst();
                var parts = Inbox.parts(mail);
                assertThat(parts.text())
                        .contains(
                                "You have a place at Peer research workshop.",
                                "The date is Wednesday 10 March 2027.",
                                "It starts at 10:00 am.",
                                "- Easy read",
                                "/manage/" + confirmed.manageToken())
                        .doesNotContain("Your place is confirmed");
                assertThat(parts.html()).contains("src=\"cid:clock\"", "src=\"cid:map-pin\"", "font-size: 22px");
                assertThat(imageContentIds(mail))
                        .containsExactlyInAnyOrder(
                                "<clock>", "<map-pin>", "<message-circle>", "<backpack>", "<hand-helping>");
                assertThat(parts.ics()).contains("UID:" + eventId + "@convene");
            }
        }

        @Test
        void anArabicWaitingListEmailRunsRightToLeft() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "arabic-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var waitlisted = Messages.inReading(
                        Messages.next(
                                messages.confirmed(eventId, email),
                                RegistrationMessageType.RegistrationWaitlisted,
                                RegistrationMessage.Status.WAITLISTED,
                                1,
                                Instant.now()),
                        "ar",
                        false,
                        List.of());
                messages.send(Topics.REGISTRATIONS, eventId, waitlisted);

                exactlyOne(email, "أنت على قائمة الانتظار");
                var parts = Inbox.parts(inbox.to(email).getFirst());
                assertThat(parts.html()).contains("<html lang=\"ar\" dir=\"rtl\"", "رقم 1", "الأربعاء 10 مارس 2027");
                assertThat(parts.text()).contains("مرحبًا Jordan،");
            }
        }

        @Test
        void aWorkersGroupBookingNamesEveryYoungPersonInTheirEmail() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "worker-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var confirmed = Messages.withGroup(
                        messages.confirmed(eventId, email), List.of("Riley Young", "Casey Young", "Jo Young"));
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);

                exactlyOne(email, "You're booked");
                var parts = Inbox.parts(inbox.to(email).getFirst());
                assertThat(parts.text())
                        .contains(
                                "Places: 5 for your group (adults: 2, young people: 3). The young people booked:",
                                "- Riley Young",
                                "- Casey Young",
                                "- Jo Young");
                assertThat(parts.html()).contains("<li>Riley Young</li>", "<li>Jo Young</li>");
            }
        }

        @Test
        void aPartlyAcceptedGroupsWorkerIsToldWhoStillWaits() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var worker = "partly-worker-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var accepted = Messages.withGroupMembers(
                        messages.confirmed(eventId, worker),
                        List.of(
                                new org.convene.contracts.registrations.RegistrationMessage.GroupMember(
                                        "Riley Comes", null),
                                new org.convene.contracts.registrations.RegistrationMessage.GroupMember(
                                        "Casey Waits", null, true)));
                messages.send(Topics.REGISTRATIONS, eventId, accepted);

                exactlyOne(worker, "You're booked");
                var parts = Inbox.parts(inbox.to(worker).getFirst());
                assertThat(parts.text())
                        .contains("young people: 1). The young people booked:", "- Riley Comes", "Still waiting")
                        .contains("- Casey Waits");
            }
        }

        @Test
        void whatWasArrangedIsToldOnceInPlainWords() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "arranged-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var confirmed = messages.confirmed(eventId, email);
                var arranged = new org.convene.contracts.registrations.RegistrationMessage(
                        UUID.randomUUID(),
                        org.convene.contracts.registrations.RegistrationMessageType.SupportArranged,
                        java.time.Instant.now(),
                        eventId,
                        confirmed.registrationId(),
                        confirmed.aggregateVersion(),
                        confirmed.status(),
                        confirmed.attendeeName(),
                        confirmed.attendeeEmail(),
                        confirmed.seats(),
                        List.of(),
                        null,
                        null,
                        List.of(),
                        List.of(),
                        List.of(
                                new org.convene.contracts.registrations.RegistrationMessage.Arranged(
                                        "INTERPRETER_BSL", "Sam from Signs Ltd will meet you at 9:45."),
                                new org.convene.contracts.registrations.RegistrationMessage.Arranged(
                                        "STEP_FREE_ACCESS", null)));
                messages.send(Topics.REGISTRATIONS, eventId, arranged);
                messages.send(Topics.REGISTRATIONS, eventId, arranged);

                exactlyOne(email, "Arranged for you");
                var parts = Inbox.parts(inbox.to(email, "Arranged for you").getFirst());
                assertThat(parts.text())
                        .contains("- BSL interpreter: arranged. Sam from Signs Ltd will meet you at 9:45.")
                        .contains("- Step free access: arranged.");
                assertThat(parts.html()).contains("BSL interpreter");
            }
        }

        @Test
        void aYoungPersonTheWorkerAskedForGetsTheirOwnEmailWithoutTheWorkersLink() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var worker = "own-worker-" + tag + "@example.org";
            var riley = "own-riley-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var workersCode = "Wk7Pq2Rs9Tu4Vw1Xy6Za3Bc8De5Fg0Hi2Jk7Lm4No9";
                var confirmed = Messages.withCheckInCode(
                        Messages.withGroupMembers(
                                messages.confirmed(eventId, worker),
                                List.of(
                                        new org.convene.contracts.registrations.RegistrationMessage.GroupMember(
                                                "Riley Own", riley),
                                        new org.convene.contracts.registrations.RegistrationMessage.GroupMember(
                                                "Casey Quiet", null))),
                        workersCode);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);

                exactlyOne(worker, "You're booked");
                exactlyOne(riley, "You're booked");
                var parts = Inbox.parts(inbox.to(riley).getFirst());
                assertThat(parts.text()).contains("Hello Riley Own", "Community Hall");
                assertThat(parts.text() + parts.html())
                        .doesNotContain(confirmed.manageToken(), "Casey Quiet", "Jordan", workersCode);
                // The worker's code would check the worker in: it stays in the worker's email.
                assertThat(imageContentIds(inbox.to(riley).getFirst())).isEmpty();
                assertThat(imageContentIds(inbox.to(worker).getFirst())).containsExactly("<check-in-qr>");
                assertThat(inbox.to(riley).getFirst().getMessageID()).doesNotContain(riley);
            }
        }

        @Test
        void aYoungPersonTakenOffIsToldAndForgottenWhileTheRestOfTheGroupStays() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var worker = "off-worker-" + tag + "@example.org";
            var riley = "off-riley-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var riley1 =
                        new org.convene.contracts.registrations.RegistrationMessage.GroupMember("Riley Leaves", riley);
                var confirmed = Messages.withGroupMembers(
                        messages.confirmed(eventId, worker),
                        List.of(
                                riley1,
                                new org.convene.contracts.registrations.RegistrationMessage.GroupMember(
                                        "Casey Stays", null)));
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                exactlyOne(worker, "You're booked");
                exactlyOne(riley, "You're booked");

                var removed = new org.convene.contracts.registrations.RegistrationMessage(
                        UUID.randomUUID(),
                        org.convene.contracts.registrations.RegistrationMessageType.GroupMemberRemoved,
                        java.time.Instant.now(),
                        eventId,
                        confirmed.registrationId(),
                        confirmed.aggregateVersion() + 1,
                        confirmed.status(),
                        confirmed.attendeeName(),
                        confirmed.attendeeEmail(),
                        confirmed.seats() - 1,
                        confirmed.companions(),
                        null,
                        null,
                        List.of(),
                        List.of(riley1),
                        java.util.List.of());
                messages.send(Topics.REGISTRATIONS, eventId, removed);
                // Delivered twice, as Kafka may: still one email, and it is not taken back.
                messages.send(Topics.REGISTRATIONS, eventId, removed);

                exactlyOne(riley, "Your place is cancelled");
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    var stored = mongo.findAll(org.bson.Document.class, "deliveries")
                            .map(org.bson.Document::toJson)
                            .filter(json -> json.contains(confirmed.registrationId()))
                            .filter(json -> !json.contains(removed.messageId().toString()))
                            .collectList()
                            .block();
                    assertThat(stored)
                            .isNotEmpty()
                            .noneMatch(json -> json.contains("Riley Leaves") || json.contains(riley))
                            .anyMatch(json -> json.contains("Casey Stays"));
                });
            }
        }

        @Test
        void erasingTheRegistrationLeavesNoAddressOrNameInAnyRecord() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "erase-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var confirmed = Messages.withGroup(messages.confirmed(eventId, email), List.of("Erased Young"));
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                exactlyOne(email, "You're booked");

                messages.send(
                        Topics.REGISTRATIONS,
                        eventId,
                        new org.convene.contracts.registrations.RegistrationMessage(
                                UUID.randomUUID(),
                                org.convene.contracts.registrations.RegistrationMessageType.RegistrationErased,
                                java.time.Instant.now(),
                                eventId,
                                confirmed.registrationId(),
                                confirmed.aggregateVersion() + 1,
                                org.convene.contracts.registrations.RegistrationMessage.Status.CANCELLED,
                                null,
                                null,
                                confirmed.seats(),
                                List.of(),
                                null,
                                null,
                                List.of(),
                                List.of(),
                                java.util.List.of()));

                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    var stored = mongo.findAll(org.bson.Document.class, "deliveries")
                            .concatWith(mongo.findAll(org.bson.Document.class, "registrants"))
                            .map(org.bson.Document::toJson)
                            .filter(json -> json.contains(confirmed.registrationId()) || json.contains(email))
                            .collectList()
                            .block();
                    assertThat(stored)
                            .isNotEmpty()
                            .noneMatch(json ->
                                    json.contains(email) || json.contains("Jordan") || json.contains("Erased Young"));
                });
            }
        }

        @Test
        void erasingARegistrationWhoseConfirmationStillWaitsTakesItsCheckInCodeToo() throws Exception {
            // No event announced: its confirmation waits for it, holding the code.
            var eventId = UUID.randomUUID().toString();
            var email = "erase-code-" + tag + "@example.org";
            var code = "Er8Sd1Tf4Ug7Vh0Wi3Xj6Yk9Zl2Am5Bn8Co1Dp4Eq7";
            try (var messages = new Messages()) {
                var confirmed = Messages.withCheckInCode(messages.confirmed(eventId, email), code);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> storedDeliveries(confirmed.registrationId()).stream()
                                .anyMatch(json -> json.contains(code)));

                messages.send(
                        Topics.REGISTRATIONS,
                        eventId,
                        new RegistrationMessage(
                                UUID.randomUUID(),
                                RegistrationMessageType.RegistrationErased,
                                Instant.now(),
                                eventId,
                                confirmed.registrationId(),
                                confirmed.aggregateVersion() + 1,
                                RegistrationMessage.Status.CANCELLED,
                                null,
                                null,
                                confirmed.seats(),
                                List.of(),
                                null,
                                null,
                                List.of(),
                                List.of(),
                                List.of()));

                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(storedDeliveries(confirmed.registrationId()))
                                .isNotEmpty()
                                .noneMatch(json -> json.contains(code) || json.contains(email)));
                // And the event arriving late sends nothing: the email was never sent and never will be.
                messages.event(eventId);
                await().during(Duration.ofSeconds(3))
                        .atMost(Duration.ofSeconds(5))
                        .until(() -> inbox.to(email).isEmpty());
            }
        }

        @Test
        void sendingTheEmailJoinsTheTraceOfTheRegistrationThatCausedIt(CapturedOutput output) throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "traced-" + tag + "@example.org";
            var traceId = UUID.randomUUID().toString().replace("-", "");
            try (var messages = new Messages()) {
                messages.event(eventId);
                var confirmed = messages.confirmed(eventId, email);
                messages.sendTraced(Topics.REGISTRATIONS, eventId, confirmed, "00-" + traceId + "-00f067aa0ba902b7-01");

                exactlyOne(email, "You're booked");
                // The line names the delivery by a digest of its id, never by the address in it.
                var ref = Delivery.ref(confirmed.messageId() + ":attendee");
                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() -> assertThat(output.getOut()
                                        .lines()
                                        .filter(line -> line.contains("Sent confirmation email " + ref)))
                                .anySatisfy(line -> assertThat(line).contains("[" + traceId + "]")));
                assertThat(output.getOut()).doesNotContain(email);
            }
        }

        @Test
        void waitlistedThenPromotedGetsItsPositionThenItsPlaceWithTheCalendarEntry() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "sam-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.event(eventId);
                var code = "Pm4Qr7St0Uv3Wx6Yz9Ab2Cd5Ef8Gh1Ij4Kl7Mn0Op3";
                // Even were a waiting-list message to carry a code, no door would take it yet: its email has none.
                var waiting = Messages.withCheckInCode(
                        Messages.next(
                                messages.confirmed(eventId, email),
                                RegistrationMessageType.RegistrationWaitlisted,
                                RegistrationMessage.Status.WAITLISTED,
                                1,
                                Instant.now()),
                        code);
                messages.send(Topics.REGISTRATIONS, eventId, waiting);
                messages.send(
                        Topics.REGISTRATIONS,
                        eventId,
                        Messages.withCheckInCode(
                                Messages.next(
                                        waiting,
                                        RegistrationMessageType.RegistrationPromoted,
                                        RegistrationMessage.Status.CONFIRMED,
                                        2,
                                        Instant.now()),
                                code));

                exactlyOne(email, "You're on the waiting list");
                exactlyOne(email, "A place came up for you");
                assertThat(Inbox.parts(inbox.to(email, "You're on the waiting list")
                                        .getFirst())
                                .text())
                        .contains("on the waiting list, number 1");
                assertThat(Inbox.parts(inbox.to(email, "A place came up").getFirst())
                                .ics())
                        .contains("BEGIN:VEVENT");
                var waitlistedMail =
                        inbox.to(email, "You're on the waiting list").getFirst();
                var waitlistedParts = Inbox.parts(waitlistedMail);
                assertThat(waitlistedParts.text() + waitlistedParts.html())
                        .doesNotContain(code, "cid:check-in-qr", "check-in code");
                assertThat(imageContentIds(waitlistedMail)).isEmpty();
                var promoted = inbox.to(email, "A place came up").getFirst();
                assertThat(Inbox.parts(promoted).text()).contains("Your check-in code, to show at the door: " + code);
                assertThat(org.convene.notifications.QrScan.text(image(promoted, "check-in-qr")))
                        .isEqualTo(code);
            }
        }
    }

    @Nested
    class AboutTheEvent {

        @Test
        void aNewTimeReachesEveryoneRegisteredOrWaitingOnceAndNobodyWhoCancelled() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var going = "going-" + tag + "@example.org";
            var waiting = "waiting-" + tag + "@example.org";
            var left = "left-" + tag + "@example.org";
            try (var messages = new Messages()) {
                var published = messages.event(eventId);
                var leaving = messages.confirmed(eventId, left);
                for (var message : List.of(
                        messages.confirmed(eventId, going),
                        Messages.next(
                                messages.confirmed(eventId, waiting),
                                RegistrationMessageType.RegistrationWaitlisted,
                                RegistrationMessage.Status.WAITLISTED,
                                1,
                                Instant.now()),
                        leaving,
                        Messages.next(
                                leaving,
                                RegistrationMessageType.RegistrationCancelled,
                                RegistrationMessage.Status.CANCELLED,
                                2,
                                Instant.now()))) {
                    messages.send(Topics.REGISTRATIONS, eventId, message);
                }
                // Registrations are known before the new time is announced (they travel on another topic).
                exactlyOne(left, "Your place is cancelled");

                var rescheduled = Messages.changed(
                        published, EventMessageType.EventRescheduled, 3, Instant.parse("2027-03-17T10:00:00Z"), null);
                messages.send(Topics.EVENTS, eventId, rescheduled);
                messages.send(Topics.EVENTS, eventId, rescheduled);

                exactlyOne(going, "New time");
                exactlyOne(waiting, "New time");
                assertThat(inbox.to(left, "New time")).isEmpty();
                var parts = Inbox.parts(inbox.to(going, "New time").getFirst());
                assertThat(parts.text()).contains("has a new time", "Wednesday 17 March 2027, 10:00 am");
                assertThat(parts.ics()).contains("UID:" + eventId + "@convene", "SEQUENCE:3");
            }
        }

        @Test
        void whenTheEventIsCancelledEachCancellationSaysSoWithTheReason() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var email = "alex-" + tag + "@example.org";
            try (var messages = new Messages()) {
                var published = messages.event(eventId);
                var confirmed = messages.confirmed(eventId, email);
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                exactlyOne(email, "You're booked");
                messages.send(
                        Topics.EVENTS,
                        eventId,
                        Messages.changed(
                                published,
                                EventMessageType.EventCancelled,
                                3,
                                published.startsAt(),
                                "The venue flooded"));
                // registrations-service answers the event's cancellation by cancelling each registration.
                awaitView(eventId, view -> view.status() == EventStatus.CANCELLED);
                messages.send(
                        Topics.REGISTRATIONS,
                        eventId,
                        Messages.next(
                                confirmed,
                                RegistrationMessageType.RegistrationCancelled,
                                RegistrationMessage.Status.CANCELLED,
                                2,
                                Instant.now()));

                exactlyOne(email, "Cancelled: Peer research workshop");
                assertThat(Inbox.parts(inbox.to(email, "Cancelled").getFirst()).text())
                        .contains("will not take place", "Why: The venue flooded");
            }
        }
    }

    @Nested
    class ToTheOrganisation {

        @Test
        void aSupportRequestAlertsTheContactAddressOnceWithCategoriesOnlyAndRepliesGoToTheOrganisation()
                throws Exception {
            var eventId = UUID.randomUUID().toString();
            var organisation = "voices-" + tag;
            var contact = "alerts-" + tag + "@voices.example";
            var email = "kim-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.organisation(
                        organisation, "Voices of Care", contact, "hello-" + tag + "@voices.example", false);
                awaitOrganisation(organisation);
                messages.event(eventId, organisation, Instant.parse("2027-03-10T10:00:00Z"));
                var confirmed = messages.confirmed(eventId, email);
                var support = new RegistrationMessage(
                        UUID.randomUUID(),
                        RegistrationMessageType.SupportNeedsRequested,
                        Instant.now(),
                        eventId,
                        confirmed.registrationId(),
                        1,
                        RegistrationMessage.Status.CONFIRMED,
                        confirmed.attendeeName(),
                        email,
                        2,
                        List.of("CARER"),
                        null,
                        null,
                        List.of("INTERPRETER_BSL", "STEP_FREE_ACCESS"),
                        List.of(),
                        java.util.List.of());
                messages.send(Topics.REGISTRATIONS, eventId, confirmed);
                messages.send(Topics.REGISTRATIONS, eventId, support);
                messages.send(Topics.REGISTRATIONS, eventId, support);

                exactlyOne(contact, "Support requested for Peer research workshop");
                var alert = inbox.to(contact).getFirst();
                var text = Inbox.parts(alert).text();
                assertThat(text).contains("BSL interpreter", "Step free access", "Places: 2");
                assertThat(text).doesNotContain("Jordan", email);

                exactlyOne(email, "You're booked");
                var confirmation = inbox.to(email).getFirst();
                var from = (InternetAddress) confirmation.getFrom()[0];
                assertThat(from.getPersonal()).isEqualTo("Voices of Care via Convene");
                assertThat(from.getAddress()).isEqualTo("no-reply@convene.local");
                assertThat(confirmation.getReplyTo()[0].toString()).isEqualTo("hello-" + tag + "@voices.example");
                assertThat(Inbox.parts(confirmation).text().strip()).endsWith("Voices of Care");
            }
        }

        @Test
        void aLineBreakInAnOrganisationsNameOrAnEventTitleNeverStartsAHeader() throws Exception {
            var eventId = UUID.randomUUID().toString();
            var organisation = "crlf-" + tag;
            var email = "robin-" + tag + "@example.org";
            var victim = "victim-" + tag + "@example.org";
            try (var messages = new Messages()) {
                messages.organisation(
                        organisation, "Evil\r\nBcc: " + victim + "\r\nX-Injected: yes", "c@example.org", null, false);
                awaitOrganisation(organisation);
                var event = messages.event(eventId, organisation, Instant.parse("2027-03-10T10:00:00Z"));
                messages.send(
                        Topics.EVENTS,
                        eventId,
                        new org.convene.contracts.events.EventMessage(
                                UUID.randomUUID(),
                                EventMessageType.EventUpdated,
                                Instant.now(),
                                eventId,
                                3,
                                organisation,
                                org.convene.contracts.events.EventMessage.Status.PUBLISHED,
                                "Workshop\r\nBcc: " + victim,
                                event.startsAt(),
                                event.endsAt(),
                                event.timeZone(),
                                event.capacity(),
                                event.maxCompanions(),
                                event.registrationOpensAt(),
                                event.registrationClosesAt(),
                                event.venue(),
                                false,
                                null,
                                List.of(),
                                null,
                                null,
                                null,
                                null));
                awaitView(eventId, view -> view.title().contains("Bcc"));
                messages.send(Topics.REGISTRATIONS, eventId, messages.confirmed(eventId, email));

                exactlyOne(email, "You're booked");
                var mail = inbox.to(email).getFirst();
                assertThat(mail.getHeader("X-Injected")).isNull();
                assertThat(mail.getHeader("Bcc")).isNull();
                assertThat(mail.getAllRecipients()).hasSize(1);
                assertThat(mail.getSubject()).doesNotContain("\r", "\n");
                assertThat(inbox.to(victim)).isEmpty();
            }
        }
    }
}
