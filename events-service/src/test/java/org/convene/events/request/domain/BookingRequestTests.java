package org.convene.events.request.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.convene.events.event.domain.AccessibilityFeature;
import org.convene.events.event.domain.Audience;
import org.convene.events.event.domain.EventFormat;
import org.convene.events.event.domain.EventId;
import org.convene.events.event.domain.EventRuleViolation;
import org.convene.events.event.domain.Location;
import org.convene.events.event.domain.OrganisationId;
import org.convene.events.event.domain.Visibility;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookingRequestTests {

    static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");
    static final LocalDate LATER = LocalDate.parse("2027-03-10");

    static RequestDetails details(List<LocalDate> dates, boolean flexible, String town, boolean online) {
        return new RequestDetails(
                RequestKind.KEYNOTE,
                new Requester("Rutland County Council", "Sam Patel", "sam@rutland.example", null),
                dates,
                flexible,
                town,
                online,
                40,
                RequestAudience.PROFESSIONALS,
                Set.of(AccessibilityFeature.STEP_FREE_ACCESS),
                "Our chair uses a wheelchair.",
                List.of("BSL"),
                "Could you speak at our conference?");
    }

    static BookingRequest received() {
        return BookingRequest.receive(
                BookingRequestId.newId(),
                new OrganisationId("voices-of-care"),
                details(List.of(LATER), false, "Oakham", false),
                NOW);
    }

    static BookingRequest stored(BookingRequest request) {
        return BookingRequest.restore(
                request.id(),
                request.organisationId(),
                request.receivedAt(),
                request.details(),
                request.status(),
                request.eventId(),
                request.closedAt(),
                request.erasedAt(),
                request.version(),
                request.history());
    }

    static Throwable refused(RequestDetails details) {
        return org.assertj.core.api.Assertions.catchThrowable(
                () -> BookingRequest.receive(BookingRequestId.newId(), new OrganisationId("o"), details, NOW));
    }

    @Nested
    class Receiving {

        @Test
        void aNewRequestIsAnnouncedAtVersionOne() {
            var request = received();
            assertThat(request.status()).isEqualTo(RequestStatus.NEW);
            assertThat(request.version()).isEqualTo(1);
            assertThat(request.loadedVersion()).isZero();
            assertThat(request.changes()).extracting(RequestChange::type).containsExactly(RequestChangeType.RECEIVED);
        }

        @Test
        void needsDatesOrFlexibleAtMostThreeDifferentOnesNotInThePast() {
            assertThat(refused(details(List.of(), false, "Oakham", false)))
                    .isInstanceOf(EventRuleViolation.class)
                    .extracting(e -> ((EventRuleViolation) e).fieldErrors())
                    .satisfies(errors -> assertThat(errors).containsKey("preferredDates"));
            assertThat(refused(details(
                            List.of(LATER, LATER.plusDays(1), LATER.plusDays(2), LATER.plusDays(3)),
                            false,
                            "Oakham",
                            false)))
                    .isInstanceOf(EventRuleViolation.class);
            assertThat(refused(details(List.of(LocalDate.parse("2026-12-01")), false, "Oakham", false)))
                    .isInstanceOf(EventRuleViolation.class);
            assertThat(refused(details(List.of(LATER, LATER), false, "Oakham", false)))
                    .isInstanceOf(EventRuleViolation.class);
            assertThat(refused(details(List.of(), true, "Oakham", false))).isNull();
        }

        @Test
        void inPersonNeedsATownAndOnlineNone() {
            var noTown = (EventRuleViolation) refused(details(List.of(LATER), false, null, false));
            assertThat(noTown.fieldErrors()).containsKey("town");
            var both = (EventRuleViolation) refused(details(List.of(LATER), false, "Oakham", true));
            assertThat(both.fieldErrors()).containsKey("town");
            assertThat(refused(details(List.of(LATER), false, null, true))).isNull();
        }

        @Test
        void theMessageFollowsTheTextPolicyAndTheLimit() {
            var base = details(List.of(LATER), false, "Oakham", false);
            var script = withMessage(base, "Hello <script>alert(1)</script>");
            assertThat(((EventRuleViolation) refused(script)).fieldErrors()).containsKey("message");
            var tooLong = withMessage(base, "x".repeat(2_001));
            assertThat(((EventRuleViolation) refused(tooLong)).fieldErrors()).containsKey("message");
            assertThat(refused(withMessage(base, "Two lines\nare fine."))).isNull();
        }

        private static RequestDetails withMessage(RequestDetails d, String message) {
            return new RequestDetails(
                    d.kind(),
                    d.requester(),
                    d.preferredDates(),
                    d.flexible(),
                    d.town(),
                    d.online(),
                    d.audienceSize(),
                    d.audience(),
                    d.accessibility(),
                    d.accessibilityNotes(),
                    d.interpreterLanguages(),
                    message);
        }
    }

    @Nested
    class Transitions {

        @Test
        void newThenInDiscussionThenAcceptedThenScheduledClosesIt() {
            var request = stored(received());
            request.discuss("organiser-1", NOW);
            request.accept(new EventId("e-1"), "organiser-1", NOW);
            assertThat(request.status()).isEqualTo(RequestStatus.ACCEPTED);
            assertThat(request.closedAt()).isNull();
            request.scheduled("organiser-1", NOW);
            assertThat(request.status()).isEqualTo(RequestStatus.SCHEDULED);
            assertThat(request.eventId()).isEqualTo(new EventId("e-1"));
            assertThat(request.closedAt()).isEqualTo(NOW);
            assertThat(request.changes())
                    .extracting(RequestChange::type)
                    .containsOnly(RequestChangeType.STATUS_CHANGED)
                    .hasSize(3);
            assertThat(request.version()).isEqualTo(4);
            assertThat(request.loadedVersion()).isEqualTo(1);
        }

        @Test
        void acceptingAgainKeepsThePlannedEventAndChangesNothing() {
            var request = stored(received());
            request.accept(new EventId("e-1"), "o", NOW);
            var version = request.version();
            request.accept(new EventId("e-2"), "o", NOW);
            assertThat(request.eventId()).isEqualTo(new EventId("e-1"));
            assertThat(request.version()).isEqualTo(version);
        }

        @Test
        void aDeclinedOrScheduledRequestCannotMoveOn() {
            var declined = stored(received());
            declined.decline("o", NOW);
            assertThat(declined.closedAt()).isEqualTo(NOW);
            assertThatThrownBy(() -> declined.accept(new EventId("e"), "o", NOW))
                    .isInstanceOf(RequestStateConflict.class);
            assertThatThrownBy(() -> declined.discuss("o", NOW)).isInstanceOf(RequestStateConflict.class);

            var scheduled = stored(received());
            scheduled.accept(new EventId("e"), "o", NOW);
            scheduled.scheduled("o", NOW);
            assertThatThrownBy(() -> scheduled.decline("o", NOW)).isInstanceOf(RequestStateConflict.class);
        }

        @Test
        void onlyAnAcceptedRequestIsScheduled() {
            var request = stored(received());
            assertThatThrownBy(() -> request.scheduled("o", NOW)).isInstanceOf(RequestStateConflict.class);
        }

        @Test
        void aReplyIsKeptAnnouncedWithItsTextAndPutsANewRequestInDiscussion() {
            var request = stored(received());
            request.reply("Thank you, Sam.\nWe can do March.", "o", NOW);
            assertThat(request.status()).isEqualTo(RequestStatus.IN_DISCUSSION);
            assertThat(request.changes().getLast().type()).isEqualTo(RequestChangeType.REPLIED);
            assertThat(request.changes().getLast().replyText()).isEqualTo("Thank you, Sam.\nWe can do March.");
            assertThat(request.history().getLast().type()).isEqualTo(HistoryEntry.Type.REPLY);
        }

        @Test
        void aNoteIsKeptAndAnnouncedToNobody() {
            var request = stored(received());
            request.note("Call them on Monday.", "o", NOW);
            assertThat(request.changes()).isEmpty();
            assertThat(request.version()).isEqualTo(2);
            assertThat(request.history().getLast().text()).isEqualTo("Call them on Monday.");
        }

        @Test
        void notesAndRepliesFollowTheTextPolicy() {
            var request = stored(received());
            assertThatThrownBy(() -> request.reply("<script>x</script>", "o", NOW))
                    .isInstanceOf(EventRuleViolation.class);
            assertThatThrownBy(() -> request.note(" ", "o", NOW)).isInstanceOf(EventRuleViolation.class);
            assertThatThrownBy(() -> request.reply("x".repeat(2_001), "o", NOW)).isInstanceOf(EventRuleViolation.class);
            assertThat(request.version()).isEqualTo(1);
        }
    }

    @Nested
    class Erasing {

        @Test
        void erasesWhoTheyAreAndEveryWordButKeepsWhatWasAskedFor() {
            var request = stored(received());
            request.reply("Dear Sam, yes.", "o", NOW);
            request.note("Sam's mobile is 07700 900000", "o", NOW);
            request.erase(null, NOW);

            var requester = request.details().requester();
            assertThat(requester.name()).isNull();
            assertThat(requester.email()).isNull();
            assertThat(request.details().message()).isNull();
            assertThat(request.details().accessibilityNotes()).isNull();
            assertThat(request.history())
                    .allSatisfy(entry -> assertThat(entry.text()).isNull());
            assertThat(request.details().kind()).isEqualTo(RequestKind.KEYNOTE);
            assertThat(request.changes().getLast().type()).isEqualTo(RequestChangeType.ERASED);
            assertThatThrownBy(() -> request.reply("More", "o", NOW)).isInstanceOf(RequestStateConflict.class);

            var version = request.version();
            request.erase(null, NOW);
            assertThat(request.version()).isEqualTo(version);
        }
    }

    @Nested
    class TheDraftEvent {

        @Test
        void isFilledInFromTheRequestWithoutTheContactOrTheirWords() {
            var request = received();
            var draft = DraftEvents.of(request, null, NOW);
            var details = draft.details();
            assertThat(details.title()).isEqualTo("Keynote for Rutland County Council");
            assertThat(details.format()).isEqualTo(EventFormat.KEYNOTE);
            assertThat(details.audience()).isEqualTo(Audience.PROFESSIONALS);
            assertThat(draft.capacity()).isEqualTo(40);
            assertThat(draft.visibility()).isEqualTo(Visibility.INVITE_ONLY);
            assertThat(details.support().interpreterLanguages()).containsExactly("BSL");
            assertThat(details.location()).isInstanceOfSatisfying(Location.Venue.class, venue -> {
                assertThat(venue.address()).isEqualTo("Oakham");
                assertThat(venue.accessibility()).containsExactly(AccessibilityFeature.STEP_FREE_ACCESS);
            });
            assertThat(draft.schedule().localStart().toLocalDate()).isEqualTo(LATER);
            assertThat(draft.schedule().localStart().getHour()).isEqualTo(10);
            assertThat(details.description()).doesNotContain("Sam", "sam@rutland.example", "wheelchair", "conference");
        }

        @Test
        void anOnlineRequestHasNoPlaceYetAndAFlexibleOneIsFourWeeksAhead() {
            var request = BookingRequest.receive(
                    BookingRequestId.newId(),
                    new OrganisationId("voices-of-care"),
                    details(List.of(), true, null, true),
                    NOW);
            var draft = DraftEvents.of(request, null, NOW);
            assertThat(draft.details().location()).isNull();
            assertThat(draft.schedule().localStart().toLocalDate()).isEqualTo(LocalDate.parse("2027-02-07"));
        }

        @Test
        void anOnlineDraftCannotBePublishedUntilItHasALink() {
            var request = BookingRequest.receive(
                    BookingRequestId.newId(),
                    new OrganisationId("voices-of-care"),
                    details(List.of(), true, null, true),
                    NOW);
            var draft = DraftEvents.of(request, null, NOW);
            var event = org.convene.events.event.domain.Event.draft(
                    EventId.newId(),
                    request.organisationId(),
                    draft.details(),
                    draft.schedule(),
                    draft.window(),
                    draft.capacity(),
                    draft.maxCompanions(),
                    draft.groupLimit(),
                    draft.visibility(),
                    NOW);
            assertThatThrownBy(() -> event.publish(NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("venue"));
        }
    }
}
