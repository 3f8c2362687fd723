package org.convene.events.event.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class EventTests {

    static final Instant NOW = Instant.parse("2027-01-10T09:00:00Z");
    static final ZoneId LONDON = ZoneId.of("Europe/London");

    static EventDetails details(String title) {
        return new EventDetails(
                title,
                "A summary",
                "Some *Markdown*",
                EventFormat.WORKSHOP,
                Audience.YOUNG_PEOPLE,
                Set.of("peer-research"),
                new Location.Venue(
                        "Hall", "1 Street", "LS1 1AA", Set.of(AccessibilityFeature.HEARING_LOOP), null, null),
                SupportOffered.NONE);
    }

    static Schedule inDays(long days) {
        var start = NOW.plus(Duration.ofDays(days));
        return new Schedule(start, start.plus(Duration.ofHours(3)), LONDON);
    }

    static Event draft() {
        return Event.draft(
                EventId.newId(),
                new OrganisationId("org-a"),
                details("Workshop"),
                inDays(10),
                RegistrationWindow.UNSET,
                20,
                2,
                12,
                Visibility.PUBLIC,
                NOW);
    }

    static Event published() {
        var event = draft();
        event.publish(NOW);
        return Event.restore(
                event.id(),
                event.organisationId(),
                event.createdAt(),
                event.status(),
                event.details(),
                event.schedule(),
                event.window(),
                event.capacity(),
                event.maxCompanions(),
                event.groupLimit(),
                event.visibility(),
                event.cancellationReason(),
                event.publishedAt(),
                event.version(),
                event.updatedAt(),
                event.invitations());
    }

    @Nested
    class Drafting {

        @Test
        void rejectsAnEndBeforeTheStartNamingTheField() {
            var start = NOW.plus(Duration.ofDays(3));
            assertThatThrownBy(() -> Event.draft(
                            EventId.newId(),
                            new OrganisationId("org-a"),
                            details("x"),
                            new Schedule(start, start.minusSeconds(60), LONDON),
                            RegistrationWindow.UNSET,
                            20,
                            2,
                            12,
                            Visibility.PUBLIC,
                            NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("endsAt"));
        }

        @Test
        void rejectsCapacityOutsideOneToTenThousand() {
            assertThatThrownBy(() -> Event.draft(
                            EventId.newId(),
                            new OrganisationId("org-a"),
                            details("x"),
                            inDays(3),
                            RegistrationWindow.UNSET,
                            10_001,
                            2,
                            12,
                            Visibility.PUBLIC,
                            NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("capacity"));
        }

        @Test
        void rejectsAGroupLimitOutsideOneToFifty() {
            for (var limit : new int[] {0, 51}) {
                assertThatThrownBy(() -> Event.draft(
                                EventId.newId(),
                                new OrganisationId("org-a"),
                                details("x"),
                                inDays(3),
                                RegistrationWindow.UNSET,
                                20,
                                2,
                                limit,
                                Visibility.PUBLIC,
                                NOW))
                        .isInstanceOfSatisfying(
                                EventRuleViolation.class,
                                e -> assertThat(e.fieldErrors()).containsKey("groupLimit"));
            }
        }

        @Test
        void aPublishedEventsNewGroupLimitIsAnnounced() {
            var event = published();
            event.edit(
                    event.details(),
                    event.schedule(),
                    null,
                    event.capacity(),
                    event.maxCompanions(),
                    7,
                    Visibility.PUBLIC,
                    NOW);
            assertThat(event.groupLimit()).isEqualTo(7);
            assertThat(event.changes()).extracting(EventChange::type).containsExactly(EventChangeType.UPDATED);
        }

        @Test
        void editsOfADraftAnnounceNothing() {
            var event = draft();
            event.edit(details("Renamed"), inDays(12), RegistrationWindow.UNSET, 30, 1, 12, Visibility.PUBLIC, NOW);
            assertThat(event.changes()).isEmpty();
            assertThat(event.version()).isEqualTo(2);
            assertThat(event.capacity()).isEqualTo(30);
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void publishingAnnouncesOnceAndFillsTheRegistrationWindow() {
            var event = draft();
            event.publish(NOW);
            assertThat(event.changes()).extracting(EventChange::type).containsExactly(EventChangeType.PUBLISHED);
            assertThat(event.window().opensAt()).isEqualTo(NOW);
            assertThat(event.window().closesAt()).isEqualTo(event.schedule().startsAt());
        }

        @Test
        void cannotPublishAnEventThatHasAlreadyStarted() {
            var event = draft();
            assertThatThrownBy(() -> event.publish(event.schedule().startsAt().plusSeconds(1)))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("startsAt"));
        }

        @Test
        void publishedThenRescheduledThenCancelledAnnouncesEachInOrderWithRisingVersions() {
            var event = draft();
            event.publish(NOW);
            event.reschedule(inDays(20), null, NOW);
            event.cancel("Venue flooded", NOW);
            assertThat(event.changes())
                    .extracting(EventChange::type)
                    .containsExactly(EventChangeType.PUBLISHED, EventChangeType.RESCHEDULED, EventChangeType.CANCELLED);
            assertThat(event.changes()).extracting(EventChange::version).containsExactly(2L, 3L, 4L);
        }

        @Test
        void cancellationIsFinal() {
            var event = published();
            event.cancel("No longer running", NOW);
            assertThatThrownBy(() -> event.publish(NOW)).isInstanceOf(EventStateConflict.class);
            assertThatThrownBy(() -> event.cancel("again", NOW)).isInstanceOf(EventStateConflict.class);
            assertThatThrownBy(() -> event.reschedule(inDays(30), null, NOW)).isInstanceOf(EventStateConflict.class);
        }

        @Test
        void aDraftCancelledBeforePublicationStaysPrivate() {
            var event = draft();
            event.cancel("Never mind", NOW);
            assertThat(event.isPublic()).isFalse();
            var announced = published();
            announced.cancel("Flooded", NOW);
            assertThat(announced.isPublic()).isTrue();
        }

        @Test
        void reschedulingMovesTheRegistrationWindowWithTheEvent() {
            var event = draft();
            var opens = NOW.plus(Duration.ofDays(2));
            event.edit(
                    event.details(),
                    event.schedule(),
                    new RegistrationWindow(opens, event.schedule().startsAt()),
                    event.capacity(),
                    2,
                    12,
                    Visibility.PUBLIC,
                    NOW);
            event.publish(NOW);
            event.reschedule(inDays(17), null, NOW);
            assertThat(event.window().opensAt()).isEqualTo(opens.plus(Duration.ofDays(7)));
            assertThat(event.window().closesAt()).isEqualTo(inDays(17).startsAt());
        }

        @Test
        void anEditThatChangesNothingAnnouncesNothing() {
            var event = published();
            event.edit(
                    event.details(),
                    event.schedule(),
                    null,
                    event.capacity(),
                    event.maxCompanions(),
                    12,
                    Visibility.PUBLIC,
                    NOW);
            assertThat(event.changes()).isEmpty();
            assertThat(event.window().opensAt()).isEqualTo(NOW);
        }

        @Test
        void completesOnlyAfterItEnds() {
            var event = published();
            assertThatThrownBy(() -> event.complete(NOW)).isInstanceOf(EventStateConflict.class);
            event.complete(event.schedule().endsAt());
            assertThat(event.status()).isEqualTo(EventStatus.COMPLETED);
        }

        @Test
        void publishedTimeChangesOnlyByRescheduling() {
            var event = published();
            assertThatThrownBy(() ->
                            event.edit(details("x"), inDays(11), null, event.capacity(), 2, 12, Visibility.PUBLIC, NOW))
                    .isInstanceOf(EventStateConflict.class);
        }
    }

    @Nested
    class Capacity {

        @Test
        void aPublishedEventsCapacityOnlyGrows() {
            var event = published();
            assertThatThrownBy(() -> event.changeCapacity(10, NOW)).isInstanceOf(EventStateConflict.class);
            event.changeCapacity(25, NOW);
            assertThat(event.capacity()).isEqualTo(25);
            assertThat(event.changes()).extracting(EventChange::type).containsExactly(EventChangeType.CAPACITY_CHANGED);
        }

        @Test
        void theSameCapacityChangesNothing() {
            var event = published();
            event.changeCapacity(20, NOW);
            assertThat(event.changes()).isEmpty();
            assertThat(event.version()).isEqualTo(event.loadedVersion());
        }
    }

    @Nested
    class Invitations {

        static final Instant RELEASE = NOW.plus(Duration.ofDays(7));

        @Test
        void anInvitationHasAShortIdAndA128BitCodeAndAPublishedEventAnnouncesIt() {
            var event = published();
            var invitation = event.invite("  Rutland County Council ", 5, RELEASE, NOW);
            assertThat(invitation.id().value()).matches("[0-9a-z]{8,12}");
            assertThat(invitation.code()).matches("[A-Za-z0-9_-]{22}");
            assertThat(invitation.partner()).isEqualTo("Rutland County Council");
            assertThat(invitation.createdAt()).isEqualTo(NOW);
            assertThat(invitation.revoked()).isFalse();
            assertThat(invitation.toString()).doesNotContain(invitation.code());
            assertThat(event.invite("Leeds", 0, null, NOW).code()).isNotEqualTo(invitation.code());
            assertThat(event.invitations()).hasSize(2);
            assertThat(event.version()).isEqualTo(event.loadedVersion() + 2);
            assertThat(event.changes())
                    .extracting(EventChange::type)
                    .containsExactly(EventChangeType.UPDATED, EventChangeType.UPDATED);
        }

        @Test
        void aDraftsInvitationsAnnounceNothingUntilItIsPublished() {
            var event = draft();
            event.invite("Rutland County Council", 5, null, NOW);
            assertThat(event.changes()).isEmpty();
            assertThat(event.version()).isEqualTo(2);
        }

        @Test
        void placesHeldForInvitationsTogetherNeverExceedTheCapacity() {
            var event = published();
            event.invite("Rutland", 12, null, NOW);
            assertThatThrownBy(() -> event.invite("Leeds", 9, null, NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("seatsHeld"));
            assertThatThrownBy(() -> event.invite("Leeds", 21, null, NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("seatsHeld"));
            assertThatThrownBy(() -> event.invite("Leeds", -1, null, NOW)).isInstanceOf(EventRuleViolation.class);
            event.invite("Leeds", 8, null, NOW);
            assertThat(event.heldSeats()).isEqualTo(20);
            assertThat(event.invitations()).hasSize(2);
        }

        @Test
        void aDraftsCapacityCannotShrinkBelowThePlacesHeld() {
            var event = draft();
            event.invite("Rutland", 15, null, NOW);
            assertThatThrownBy(() -> event.changeCapacity(14, NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("capacity"));
            assertThatThrownBy(() -> event.edit(
                            event.details(),
                            event.schedule(),
                            RegistrationWindow.UNSET,
                            10,
                            2,
                            12,
                            Visibility.PUBLIC,
                            NOW))
                    .isInstanceOf(EventRuleViolation.class);
            assertThat(event.capacity()).isEqualTo(20);
        }

        @Test
        void aReleaseDateIsInTheFutureAndBeforeTheEventStarts() {
            var event = published();
            for (var release : new Instant[] {
                event.schedule().startsAt(), event.schedule().startsAt().plusSeconds(60), NOW, NOW.minusSeconds(60)
            }) {
                assertThatThrownBy(() -> event.invite("Rutland", 5, release, NOW))
                        .as(release.toString())
                        .isInstanceOfSatisfying(
                                EventRuleViolation.class,
                                e -> assertThat(e.fieldErrors()).containsKey("releaseAt"));
            }
            assertThat(event.invitations()).isEmpty();
            assertThat(event.changes()).isEmpty();
        }

        @Test
        void thePartnerIsOneLineOfOneTo120Characters() {
            var event = published();
            for (var partner : new String[] {"", "   ", "x".repeat(121), "Rutland\nCouncil", "Rutland\u202Eliam"}) {
                assertThatThrownBy(() -> event.invite(partner, 0, null, NOW))
                        .isInstanceOfSatisfying(
                                EventRuleViolation.class,
                                e -> assertThat(e.fieldErrors()).containsKey("partner"));
            }
            assertThat(event.invite("x".repeat(120), 0, null, NOW).partner()).hasSize(120);
        }

        @Test
        void aCancelledOrCompletedEventTakesNoInvitations() {
            var cancelled = published();
            cancelled.cancel("Flooded", NOW);
            assertThatThrownBy(() -> cancelled.invite("Rutland", 0, null, NOW)).isInstanceOf(EventStateConflict.class);
            var completed = published();
            completed.complete(completed.schedule().endsAt());
            assertThatThrownBy(() -> completed.invite("Rutland", 0, null, NOW)).isInstanceOf(EventStateConflict.class);
            assertThat(cancelled.invitations()).isEmpty();
        }

        @Test
        void anEventHasAtMostFiftyInvitationsRevokedOnesIncluded() {
            var event = published();
            for (int i = 0; i < Event.MAX_INVITATIONS; i++) {
                event.revokeInvitation(
                        event.invite("Partner " + i, 0, null, NOW).id(), NOW);
            }
            assertThatThrownBy(() -> event.invite("One too many", 0, null, NOW))
                    .isInstanceOfSatisfying(
                            EventRuleViolation.class,
                            e -> assertThat(e.fieldErrors()).containsKey("invitations"));
        }

        @Test
        void revokingIsIdempotentAndAnnouncedOnce() {
            var event = published();
            var invitation = event.invite("Rutland", 5, null, NOW);
            var later = NOW.plusSeconds(60);
            var revoked = event.revokeInvitation(invitation.id(), later);
            assertThat(revoked.revoked()).isTrue();
            assertThat(revoked.revokedAt()).isEqualTo(later);
            var version = event.version();
            var again = event.revokeInvitation(invitation.id(), later.plusSeconds(60));
            assertThat(again.revokedAt()).isEqualTo(later);
            assertThat(event.version()).isEqualTo(version);
            assertThat(event.changes())
                    .extracting(EventChange::type)
                    .containsExactly(EventChangeType.UPDATED, EventChangeType.UPDATED);
            assertThat(event.invitations()).containsExactly(revoked);
            assertThatThrownBy(() -> event.revokeInvitation(new InvitationId("nosuchone"), NOW))
                    .isInstanceOf(InvitationNotFound.class);
        }

        @Test
        void aRevokedInvitationsPlacesAreNoLongerHeld() {
            var event = published();
            var rutland = event.invite("Rutland", 20, null, NOW);
            assertThatThrownBy(() -> event.invite("Leeds", 1, null, NOW)).isInstanceOf(EventRuleViolation.class);
            event.revokeInvitation(rutland.id(), NOW);
            assertThat(event.heldSeats()).isZero();
            event.invite("Leeds", 20, null, NOW);
            assertThat(event.heldSeats()).isEqualTo(20);
        }

        @Test
        void anInviteOnlyEventAdmitsOnlyTheCodeOfAnInvitationNotRevoked() {
            var event = draft();
            event.edit(
                    event.details(),
                    event.schedule(),
                    RegistrationWindow.UNSET,
                    event.capacity(),
                    2,
                    12,
                    Visibility.INVITE_ONLY,
                    NOW);
            var kept = event.invite("Rutland", 0, null, NOW);
            var revoked = event.invite("Leeds", 0, null, NOW);
            event.revokeInvitation(revoked.id(), NOW);
            assertThat(event.admits(kept.code())).isTrue();
            assertThat(event.admits(revoked.code())).isFalse();
            assertThat(event.admits(null)).isFalse();
            assertThat(event.admits("")).isFalse();
            assertThat(event.admits(kept.code().toLowerCase() + "x")).isFalse();
            var open = draft();
            assertThat(open.admits(null)).isTrue();
            assertThat(open.admits("anything")).isTrue();
        }
    }

    @Test
    void onlineEventsAreStillEvents() {
        var online = new EventDetails(
                "Online",
                null,
                null,
                EventFormat.KEYNOTE,
                Audience.EVERYONE,
                Set.of(),
                new Location.Online(URI.create("https://meet.example/abc")),
                null);
        var event = Event.draft(
                EventId.newId(), new OrganisationId("o"), online, inDays(2), null, 100, 0, 12, Visibility.PUBLIC, NOW);
        assertThat(event.details().support()).isEqualTo(SupportOffered.NONE);
    }
}
