package org.convene.registrations.registration.domain;

import java.util.Map;

/**
 * What an organiser needs to plan the room and book interpreters: counts only, no names. Kinds
 * are sorted so the summary reads the same every time.
 */
public record SupportSummary(
        int seatsConfirmed,
        int registrationsConfirmed,
        int seatsWaitlisted,
        int registrationsWaitlisted,
        Map<String, Long> companionsByKind,
        Map<String, Long> interpretersByLanguage,
        Map<String, Long> accessNeedsByKind,
        Map<String, Long> dietaryNeeds,
        long underEighteenWithConsent,
        long attended,
        long noShows) {}
