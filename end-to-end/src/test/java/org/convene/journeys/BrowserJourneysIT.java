package org.convene.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.emailsTo;
import static org.convene.journeys.Http.subjectsTo;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.convene.journeys.browser.Accessibility;
import org.convene.journeys.browser.Browsers;
import org.convene.journeys.browser.Screenshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pages in a real browser (Debian's Chromium, driven by Playwright) against the whole system as
 * {@code ./convene run} starts it: an organiser publishes a workshop, a young person registers on a
 * phone with a carer and a BSL need and later cancels from the link in their email, the organiser
 * plans the room from the support summary and checks people in, and a subscriber signs up, confirms,
 * gets a newsletter the organiser wrote on the pages and leaves in one click; the organiser marks the
 * BSL interpreter a young person asked for arranged, and the young person's own page says so; a council asks for
 * a keynote on a phone, and the organiser replies and accepts it as an invitation-only draft. Every page visited is
 * scanned with axe-core (no serious or critical WCAG 2.2 A/AA violation) and photographed at phone
 * and desktop width into {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserJourneysIT {

    private static final Duration EMAIL_WAIT = Duration.ofSeconds(60);
    private static final String TITLE = "Art and voice workshop " + System.nanoTime() % 100_000;
    private static final String YOUNG_PERSON = "jordan.browser@example.org";
    private static final String SECOND_PERSON = "alex.browser@example.org";
    private static final String GROUP_WORKER = "sam.group.browser@example.org";
    private static final String SUBSCRIBER = "sam.subscriber@example.org";
    private static final String LANGUAGES_TITLE = "Welsh and Arabic workshop " + System.nanoTime() % 100_000;
    private static final String WELSH_PERSON = "gwen.browser@example.org";
    private static final String ARABIC_PERSON = "amal.browser@example.org";
    private static final String EASY_READ_PERSON = "eddie.browser@example.org";

    private static RunningConvene convene;
    private static BrowserContext organiserDesk;
    private static Page organiser;
    private static String eventPath;
    private static String languagesEventPath;
    private static final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void theSystemIsRunning() {
        convene = RunningConvene.shared();
        organiserDesk = Browsers.desktop(convene.gateway());
        organiser = organiserDesk.newPage();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (organiserDesk != null) {
            organiserDesk.close();
        }
    }

    @Test
    @Order(1)
    void anOrganiserSignsInCreatesAndPublishesAWorkshop() {
        organiser.navigate("/organiser");
        // Not signed in: the identity provider's sign-in page.
        organiser.waitForURL(Pattern.compile(Pattern.quote(convene.identity()) + "/login.*"));
        check(organiser, "sign-in");
        organiser.getByLabel("Email").fill("organiser@demo.convene.test");
        organiser.getByLabel("Password").fill(convene.organiserPassword());
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        organiser.waitForURL(convene.gateway() + "/organiser");
        assertThat(organiser.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Your events")))
                .isVisible();
        check(organiser, "organiser-dashboard");

        organiser
                .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an event"))
                .click();
        // Sent empty first: every problem is listed at the top and linked to its field.
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft"))
                .click();
        assertThat(organiser.locator("#error-summary")).containsText("Enter title");
        check(organiser, "organiser-event-form-errors");

        var day = LocalDate.now().plusDays(40);
        organiser
                .getByLabel("Title", new Page.GetByLabelOptions().setExact(true))
                .fill(TITLE);
        organiser
                .getByLabel("Summary", new Page.GetByLabelOptions().setExact(true))
                .fill("Make art, be heard.");
        organiser.getByLabel("Description").fill("We will **paint** and talk.\n\n- materials provided\n- pizza");
        organiser
                .getByLabel("Start", new Page.GetByLabelOptions().setExact(true))
                .fill(day + "T10:00");
        organiser.getByLabel("End", new Page.GetByLabelOptions().setExact(true)).fill(day + "T14:00");
        organiser.getByLabel("Seats").fill("10");
        organiser.getByLabel("Venue name").fill("Youth Hub");
        organiser.getByLabel("Address").fill("1 High Street, Leeds");
        organiser.getByLabel("Postcode").fill("LS1 1AA");
        organiser.getByLabel("Step-free access").check();
        organiser.getByLabel("Interpreters you can book").fill("BSL, ar");
        organiser.getByLabel("Food is provided").check();
        organiser.getByLabel("Dietary options").fill("halal, vegan");
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft"))
                .click();
        assertThat(organiser.locator("h1")).hasText(TITLE);
        assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Draft saved");

        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
                .click();
        assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Published");
        eventPath = organiser.url().replace(convene.gateway(), "").replaceAll("\\?.*", "");
        check(organiser, "organiser-event");
    }

    @Test
    @Order(2)
    void aYoungPersonRegistersOnAPhoneWithACarerAndABslNeedAndIsConfirmed() {
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate("/");
            check(page, "workshops");
            // Keyboard first: the first Tab reaches the visible "Skip to main content" link.
            page.keyboard().press("Tab");
            var skip = page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to main content"));
            assertThat(skip).isFocused();
            assertThat(skip).isInViewport();
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(TITLE))
                    .click();
            assertThat(page.locator("h1")).hasText(TITLE);
            check(page, "workshop");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            var summary = page.locator("#error-summary");
            assertThat(summary).containsText("Enter your name");
            summary.getByText("Enter your name").click();
            assertThat(page.getByLabel("Your name", new Page.GetByLabelOptions().setExact(true)))
                    .isFocused();
            check(page, "workshop-errors");

            fillIn(page, "Jordan Browser", YOUNG_PERSON);
            page.getByLabel("16 or 17").check();
            page.getByLabel("Your parent or guardian’s name").fill("Sam Browser");
            page.getByLabel("Your parent or guardian’s phone or email").fill("07700 900123");
            page.getByLabel("My parent, carer or guardian says it’s OK for me to come")
                    .check();
            page.getByLabel("How many carers?").selectOption("1");
            page.getByLabel("Do you need an interpreter?").selectOption("BSL");
            page.getByLabel("Step-free access").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();

            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("You’re booked");
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
            assertThat(page.locator("dl.facts")).containsText("British Sign Language (BSL) interpreter");
            check(page, "registered");
        }
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, YOUNG_PERSON).contains("You're booked: " + TITLE));

        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(eventPath.replace("/organiser/events/", "/workshops/"));
            fillIn(page, "Alex Browser", SECOND_PERSON);
            page.getByLabel("18 to 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
        }
    }

    @Test
    @Order(3)
    void theOrganiserSeesTheSupportToPlanForAndChecksPeopleInAtTheDoor() {
        organiser.navigate(eventPath);
        // The list keeps itself up to date while the page is open: someone registering now appears without a reload.
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(eventPath.replace("/organiser/events/", "/workshops/"));
            fillIn(page, "Robin Latecomer", "robin.browser@example.org");
            page.getByLabel("Over 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
        }
        assertThat(organiser.locator("#registrations-table"))
                .containsText("Robin Latecomer", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        var support = organiser.locator("#support-summary");
        assertThat(support).containsText("British Sign Language (BSL): 1");
        assertThat(support).containsText("Carer: 1");
        assertThat(support).containsText("Step-free access: 1");
        assertThat(organiser.locator("#registrations-table")).containsText("Jordan Browser");
        check(organiser, "organiser-event-registrations");

        organiser.navigate(eventPath + "/edit");
        assertThat(organiser.getByLabel("Title", new Page.GetByLabelOptions().setExact(true)))
                .hasValue(TITLE);
        check(organiser, "organiser-event-edit");
        organiser.navigate(eventPath);
        organiser
                .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Check-in at the door"))
                .click();
        check(organiser, "check-in");
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Check in Alex Browser"))
                .click();
        assertThat(organiser.locator("li", new Page.LocatorOptions().setHasText("Alex Browser")))
                .containsText("Attended");

        var csv = organiser.waitForDownload(() -> {
            organiser.navigate(eventPath);
            organiser
                    .getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Download the list (CSV)"))
                    .click();
        });
        assertThat(csv.suggestedFilename()).endsWith(".csv");
    }

    @Test
    @Order(4)
    void theYoungPersonCancelsFromTheLinkInTheirEmail() {
        var email = emailsTo(convene, YOUNG_PERSON).stream()
                .filter(message -> message.path("subject").asString().equals("You're booked: " + TITLE))
                .findFirst()
                .orElseThrow();
        var link = Pattern.compile("(http://\\S+/manage/[A-Za-z0-9_-]+)")
                .matcher(email.path("text").asString())
                .results()
                .findFirst()
                .orElseThrow()
                .group(1);
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(link);
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
            check(page, "manage");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel my registration"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Cancelled");
            assertThat(page.locator("dl.facts")).containsText("Cancelled");
            check(page, "manage-cancelled");
        }
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, YOUNG_PERSON).contains("Your place is cancelled: " + TITLE));
    }

    @Test
    @Order(5)
    void aSubscriberSignsUpConfirmsGetsTheOrganisersNewsletterAndLeavesInOneClick() {
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate("/subscribe");
            check(page, "subscribe");
            page.getByLabel("Your email address").fill(SUBSCRIBER);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign up"))
                    .click();
            assertThat(page.locator("h1")).hasText("Check your email");
            check(page, "subscribe-sent");

            var confirmLink =
                    await().atMost(EMAIL_WAIT).until(() -> link(SUBSCRIBER, "/newsletter/confirm/"), l -> l != null);
            page.navigate(confirmLink);
            check(page, "newsletter-confirm");
            page.getByRole(AriaRole.BUTTON).first().click();
            assertThat(page.locator("h1")).hasText("You're subscribed");
            check(page, "newsletter-confirmed");
            page.navigate(confirmLink.replace("/newsletter/confirm/", "/newsletter/preferences/"));
            check(page, "newsletter-preferences");
        }

        var subject = "News from the browser " + System.nanoTime() % 100_000;
        organiser.navigate("/organiser/newsletters");
        check(organiser, "organiser-newsletters");
        organiser.getByLabel("Subject").fill(subject);
        organiser
                .getByLabel("Newsletter", new Page.GetByLabelOptions().setExact(true))
                .fill("Hello **everyone**. New workshops soon.");
        organiser.getByLabel("Workshops").check();
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save and preview"))
                .click();
        assertThat(organiser.locator("h1")).hasText(subject);
        assertThat(organiser.locator("article.preview strong")).hasText("everyone");
        check(organiser, "organiser-newsletter");
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send to subscribers"))
                .click();
        // The progress part refreshes itself while the newsletter goes out.
        assertThat(organiser.locator("#progress-heading"))
                .hasText("Sent", new LocatorAssertions.HasTextOptions().setTimeout(60_000));
        check(organiser, "organiser-newsletter-sent");

        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, SUBSCRIBER).contains(subject));
        var unsubscribe = link(SUBSCRIBER, "/newsletter/unsubscribe/");
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(unsubscribe);
            check(page, "newsletter-unsubscribe");
            page.getByRole(AriaRole.BUTTON).first().click();
            assertThat(page.locator("h1")).hasText("You're unsubscribed");
            check(page, "newsletter-unsubscribed");
        }
    }

    @Test
    @Order(6)
    void everyPageFitsA320PixelScreenWithoutScrollingSideways() {
        try (var narrow = Browsers.narrow(convene.gateway())) {
            var page = narrow.newPage();
            for (var path : List.of("/", eventPath.replace("/organiser/events/", "/workshops/"), "/subscribe")) {
                page.navigate(path);
                Accessibility.assertNoHorizontalScroll(page);
            }
        }
        organiser.setViewportSize(320, 640);
        try {
            for (var path : List.of("/organiser", eventPath, eventPath + "/check-in", "/organiser/newsletters")) {
                organiser.navigate(path);
                Accessibility.assertNoHorizontalScroll(organiser);
            }
        } finally {
            organiser.setViewportSize(1280, 900);
        }
        assertThat(visited).as("pages scanned").hasSizeGreaterThan(15);
    }

    @Test
    @Order(7)
    void aWorkerBooksTheirGroupOnAPhoneAndTakesOneYoungPersonOff() {
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(eventPath.replace("/organiser/events/", "/workshops/"));
            page.getByRole(
                            AriaRole.LINK,
                            new Page.GetByRoleOptions()
                                    .setName("Bringing a group of young people? Book for them all at once"))
                    .click();
            assertThat(page.locator("h1")).hasText("Book for a group");
            check(page, "group");
            Accessibility.assertNoHorizontalScroll(page);

            page.getByLabel("Your name", new Page.GetByLabelOptions().setExact(true))
                    .fill("Sam Group Worker");
            page.getByLabel("Your email address").fill(GROUP_WORKER);
            page.getByLabel("A worker or professional").check();
            page.getByLabel("Young person 1: name").fill("Riley Browser");
            page.getByLabel("Young person 1: age").selectOption("AGE_18_TO_25");
            page.getByLabel("Young person 2: name").fill("Casey Browser");
            page.getByLabel("Young person 2: age").selectOption("UNDER_16");
            page.getByLabel("Young person 3: name").fill("Jo Browser");
            page.getByLabel("Young person 3: age").selectOption("AGE_18_TO_25");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book for the group"))
                    .click();

            // Casey is under 16 and nobody gave a guardian: the summary says so and leads to Casey's field.
            var summary = page.locator("#error-summary");
            assertThat(summary).containsText("Young person 2: parent or guardian’s name");
            assertThat(page.getByLabel("Young person 1: name")).hasValue("Riley Browser");
            check(page, "group-errors");
            summary.getByText("Young person 2: parent or guardian’s name")
                    .first()
                    .click();
            assertThat(page.getByLabel("Young person 2: parent or guardian’s name"))
                    .isFocused();
            page.getByLabel("Young person 2: parent or guardian’s name").fill("Pat Parent");
            page.getByLabel("Young person 2: parent or guardian’s phone or email")
                    .fill("07700 900456");
            page.getByLabel("Their parent, carer or guardian says it’s OK for them to come")
                    .nth(1)
                    .check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book for the group"))
                    .click();

            assertThat(page.locator("#group-heading")).containsText("Young people in your group");
            assertThat(page.locator("ul.people")).containsText("Riley Browser");
            assertThat(page.locator("ul.people")).containsText("Jo Browser");
            check(page, "group-booked");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Remove Jo Browser"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("no longer booked");
            assertThat(page.locator("ul.people")).not().containsText("Jo Browser");
            assertThat(page.locator("ul.people")).containsText("Casey Browser");
        }
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, GROUP_WORKER).stream().anyMatch(subject -> subject.endsWith(TITLE)));
    }

    @Test
    @Order(8)
    void anInviteOnlyPartnerSessionOpensWithItsInvitationLinkAndNoLongerOnceRevoked() {
        var title = "Council partner session " + System.nanoTime() % 100_000;
        var partner = "Rutland County Council";
        var path = createAndPublish(title, 8, true);
        var eventId = path.substring(path.lastIndexOf('/') + 1);

        organiser
                .getByLabel("Partner organisation", new Page.GetByLabelOptions().setExact(true))
                .fill(partner);
        organiser
                .getByLabel("Places to hold", new Page.GetByLabelOptions().setExact(true))
                .fill("3");
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Make an invitation link"))
                .click();
        assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Invitation made");
        var link = organiser.getByLabel("Invitation link for " + partner).inputValue();
        assertThat(link).contains("/workshops/" + eventId + "?invitation=");
        var code = link.substring(link.indexOf("?invitation=") + "?invitation=".length());
        var invitationPath = "/workshops/" + eventId + "?invitation=" + code;
        check(organiser, "organiser-event-invitation");
        // registrations-service learns of the invitation from convene.events.v1.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(
                                        convene.gateway() + "/api/events/" + eventId + "/availability?invitation="
                                                + code,
                                        null)
                                .status()
                        == 200);

        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate("/");
            assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(title)))
                    .hasCount(0);
            page.navigate("/workshops/" + eventId);
            assertThat(page.locator("h1")).hasText("We can’t find that page");
            check(page, "invite-only-without-code");

            page.navigate(invitationPath);
            assertThat(page.locator("h1")).hasText(title);
            check(page, "invite-only-workshop");
            fillIn(page, "Morgan Invited", "morgan.invited.browser@example.org");
            page.getByLabel("18 to 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
            check(page, "invite-only-registered");
        }

        organiser.navigate(path);
        assertThat(organiser.locator("#registrations-table")).containsText("Morgan Invited");
        assertThat(organiser.locator("#registrations-table")).containsText("Invited by " + partner);

        try (var phone = Browsers.phone(convene.gateway())) {
            // Someone else opened the link before it was revoked, and registers after.
            var page = phone.newPage();
            page.navigate(invitationPath);
            fillIn(page, "Quinn Late", "quinn.late.browser@example.org");
            page.getByLabel("18 to 25").check();

            var row = organiser.locator("#invitations tr", new Page.LocatorOptions().setHasText(partner));
            row.locator("summary").click();
            row.locator(
                            "button.danger",
                            new Locator.LocatorOptions().setHasText("Revoke the invitation for " + partner))
                    .click();
            assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Invitation revoked");
            assertThat(organiser.locator("#invitations-table")).containsText("Revoked");
            check(organiser, "organiser-event-invitation-revoked");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> Http.get(
                                            convene.gateway() + "/api/events/" + eventId + "/availability?invitation="
                                                    + code,
                                            null)
                                    .status()
                            == 404);

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("h1")).hasText("This invitation link is no longer valid");
            check(page, "invitation-no-longer-valid");
        }
    }

    @Test
    @Order(9)
    void anOrganiserAcceptsPartOfAWaitingGroupAndTheWorkerSeesWhoStillWaits() {
        var title = "Small room session " + System.nanoTime() % 100_000;
        var path = createAndPublish(title, 4, false);
        var eventId = path.substring(path.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(convene.gateway() + "/api/events/" + eventId + "/availability", null)
                                .status()
                        == 200);
        var workshop = "/workshops/" + eventId;

        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(workshop);
            fillIn(page, "Taylor First", "taylor.first.browser@example.org");
            page.getByLabel("18 to 25").check();
            page.getByLabel("How many carers?").selectOption("1");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
        }

        String manage;
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(workshop + "/group");
            page.getByLabel("Your name", new Page.GetByLabelOptions().setExact(true))
                    .fill("Sam Green Worker");
            page.getByLabel("Your email address").fill("sam.green.browser@example.org");
            page.getByLabel("A worker or professional").check();
            var people = List.of("Ash Green", "Bo Green", "Cy Green");
            for (int number = 1; number <= people.size(); number++) {
                page.getByLabel("Young person " + number + ": name").fill(people.get(number - 1));
                page.getByLabel("Young person " + number + ": age").selectOption("AGE_18_TO_25");
            }
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Book for the group"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("On the waiting list");
            manage = page.url();
        }

        organiser.navigate(path);
        var form = organiser.locator("#waiting-groups form", new Page.LocatorOptions().setHasText("Sam Green Worker"));
        assertThat(form.locator("legend")).hasText("Young people in Sam Green Worker’s group");
        check(organiser, "organiser-event-waiting-group");
        form.getByLabel("Bo Green").check();
        form.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Accept the people chosen"))
                .click();
        assertThat(organiser.getByRole(AriaRole.STATUS).first())
                .containsText("Accepted 1 of the group; the others keep the group’s place in the queue");
        var table = organiser.locator("#registrations-table");
        assertThat(table.locator("tr", new Locator.LocatorOptions().setHasText("Ash Green")))
                .containsText("keeps the group’s place in the queue");
        assertThat(table.locator("tr", new Locator.LocatorOptions().setHasText("Bo Green")))
                .containsText("Confirmed");
        assertThat(organiser.locator("#waiting-groups")).hasCount(0);
        check(organiser, "organiser-event-group-accepted-in-part");

        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(manage);
            assertThat(page.locator("#group-booked li")).hasCount(1);
            assertThat(page.locator("#group-booked")).containsText("Bo Green");
            assertThat(page.locator("#group-waiting li")).hasCount(2);
            assertThat(page.locator("#group-waiting")).containsText("Ash Green");
            assertThat(page.locator("#group-waiting")).containsText("Cy Green");
            assertThat(page.locator("#group-waiting-heading"))
                    .containsText("Still waiting for a place (number 1 in the queue)");
            check(page, "manage-group-partly-waiting");
        }
    }

    @Test
    @Order(10)
    void anOrganiserArrangesTheBslInterpreterAYoungPersonAskedForAndTheirPageSaysSo() {
        var title = "Signed storytelling " + System.nanoTime() % 100_000;
        var person = "riley.signer.browser@example.org";
        var note = "Sam from Signs Ltd will meet you at the door at 16:45.";
        var path = createAndPublish(title, 6, false, "BSL");
        var eventId = path.substring(path.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Http.get(convene.gateway() + "/api/events/" + eventId + "/availability", null)
                                .status()
                        == 200);

        String manage;
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate("/workshops/" + eventId);
            fillIn(page, "Riley Signer", person);
            page.getByLabel("18 to 25").check();
            page.getByLabel("Do you need an interpreter?").selectOption("BSL");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.locator("dl.facts")).containsText("Confirmed");
            assertThat(page.locator("#arranged-pending"))
                    .containsText("The organiser has been told what you asked for and will arrange it");
            manage = page.url().replaceAll("[?#].*", "");
        }

        organiser.navigate(path);
        var support = organiser.locator("#support-plan");
        assertThat(support.locator("h2").first()).hasText("Support to arrange");
        assertThat(support.locator("#support-outstanding")).containsText("1 still to arrange, by ");
        var bsl = support.locator(
                "#support-table tbody tr",
                new Locator.LocatorOptions().setHasText("British Sign Language (BSL) interpreter"));
        assertThat(bsl).containsText("Riley Signer");
        assertThat(bsl).containsText("To arrange");
        check(organiser, "organiser-event-support-to-arrange");

        bsl.getByLabel("Note for the people who asked (optional)").fill(note);
        bsl.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Mark as arranged"))
                .click();
        assertThat(support.getByRole(AriaRole.STATUS))
                .containsText("Marked as arranged: British Sign Language (BSL) interpreter. Everyone who asked for it"
                        + " will get one email.");
        assertThat(bsl).containsText("Arranged");
        assertThat(bsl).containsText("Note: " + note);
        assertThat(support.locator("#support-outstanding")).containsText("Everything asked for is arranged");
        check(organiser, "organiser-event-support-arranged");
        await().atMost(EMAIL_WAIT).until(() -> subjectsTo(convene, person).contains("Arranged for you: " + title));

        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(manage);
            var arranged = page.locator("#arranged");
            assertThat(arranged.locator("h2")).hasText("Arranged for you");
            assertThat(arranged).containsText("British Sign Language (BSL) interpreter: " + note);
            assertThat(page.locator("#arranged-pending")).hasCount(0);
            check(page, "manage-arranged");
        }
    }

    @Test
    @Order(11)
    void aCouncilAsksForAKeynoteOnAPhoneAndTheOrganiserRepliesAndAcceptsItAsAnInviteOnlyDraft() {
        var tag = System.nanoTime() % 100_000;
        var council = "Rutland Browser Council " + tag;
        var contact = "sam.council." + tag + "@rutland.example";
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate("/organisations/demo/book");
            assertThat(page.locator("h1")).hasText("Ask for training, a keynote or consultancy");
            check(page, "booking-request");

            // Sent empty first: every problem is listed at the top, each linked to its field.
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the request"))
                    .click();
            var summary = page.locator("#error-summary");
            assertThat(summary).containsText("There is a problem");
            var links = summary.locator("a");
            assertThat(links.first()).isVisible();
            for (var href :
                    links.all().stream().map(link -> link.getAttribute("href")).toList()) {
                assertThat(href).as("error summary link").startsWith("#");
                assertThat(page.locator(href)).hasCount(1);
            }
            check(page, "booking-request-errors");
            summary.locator("a[href='#requester-organisation']").click();
            assertThat(page.getByLabel("Your organisation")).isFocused();

            page.locator("#kind-KEYNOTE").check();
            page.getByLabel("Your organisation").fill(council);
            page.getByLabel("Your name", new Page.GetByLabelOptions().setExact(true))
                    .fill("Sam Council");
            page.getByLabel("Your email address").fill(contact);
            page.getByLabel("First choice of date")
                    .fill(LocalDate.now().plusDays(35).toString());
            page.locator("#online").check();
            page.getByLabel("Town or city").fill("Oakham");
            page.getByLabel("Expected audience size").fill("40");
            page.getByLabel("A mix of people").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the request"))
                    .click();
            assertThat(page.locator("h1")).hasText("Thank you");
            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Your request has been sent");
            check(page, "booking-request-sent");
        }
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, contact).stream().anyMatch(s -> s.startsWith("We have your request")));

        organiser.navigate("/organiser");
        organiser
                .getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
                .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Booking requests"))
                .click();
        assertThat(organiser.locator("h1")).hasText("Booking requests");
        var row = organiser.locator("#requests-table tr", new Page.LocatorOptions().setHasText(council));
        assertThat(row).containsText("Keynote");
        assertThat(row).containsText("New");
        check(organiser, "organiser-requests");
        row.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(council))
                .click();
        var title = "Keynote request from " + council;
        assertThat(organiser.locator("h1")).hasText(title);
        assertThat(organiser.locator("dl.facts")).containsText("In person, Oakham");
        assertThat(organiser.locator("dl.facts")).containsText("40 people: A mix of people");
        check(organiser, "organiser-request");

        organiser.locator("#reply").fill("Thank you, we would love to come to Oakham. Shall we say 10:00?");
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send the reply"))
                .click();
        assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Reply sent");
        assertThat(organiser.locator("#history")).containsText("Reply emailed to the requester");
        check(organiser, "organiser-request-replied");
        await().atMost(EMAIL_WAIT)
                .until(() ->
                        subjectsTo(convene, contact).stream().anyMatch(s -> s.startsWith("A reply to your request")));

        // No time given: the draft starts at 10:00 on the first date asked for.
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Accept and make the draft event"))
                .click();
        var accepted = organiser.getByRole(AriaRole.STATUS).first();
        assertThat(accepted).containsText("Accepted. A draft event was made from the request");
        check(organiser, "organiser-request-accepted");
        accepted.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("open the draft event"))
                .click();
        organiser.waitForURL(Pattern.compile(".*/organiser/events/[^/?#]+$"));
        var facts = organiser.locator("dl.facts").first();
        assertThat(facts).containsText("Draft");
        assertThat(facts).containsText("Invitation only");
        var invitations = organiser.locator("#invitations-table tbody tr");
        assertThat(invitations).hasCount(1);
        assertThat(invitations).containsText(council);
        check(organiser, "organiser-event-from-request");
    }

    @Test
    @Order(12)
    void aYoungPersonSwitchesToWelshOnAPhoneAndRegistersInWelsh() {
        languagesEventPath = createAndPublish(LANGUAGES_TITLE, 20, false);
        var workshop = languagesEventPath.replace("/organiser/events/", "/workshops/");
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(workshop);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Cymraeg"))
                    .click();
            // The switch keeps the person's place: the same workshop, now in Welsh.
            assertThat(page.locator("h1")).hasText(LANGUAGES_TITLE);
            assertThat(page.locator("html")).hasAttribute("lang", "cy");
            assertThat(page.locator("html")).hasAttribute("dir", "ltr");
            assertThat(page.locator("#register-heading")).hasText("Cofrestru");
            check(page, "workshop-cy");

            page.getByLabel("Eich enw", new Page.GetByLabelOptions().setExact(true))
                    .fill("Gwen Browser");
            page.getByLabel("Eich cyfeiriad e-bost").fill(WELSH_PERSON);
            page.getByLabel("Person ifanc").check();
            page.getByLabel("18 i 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cofrestru"))
                    .click();

            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Rydych chi wedi archebu lle");
            assertThat(page.locator("dl.facts")).containsText("Wedi’i gadarnhau");
            check(page, "registered-cy");
        }
        // The email speaks the language the person registered in, with its calendar file.
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, WELSH_PERSON).contains("Mae gennych chi le: " + LANGUAGES_TITLE));
        var welsh = emailsTo(convene, WELSH_PERSON).getFirst();
        assertThat(welsh.path("attachments").toString()).contains("event.ics", "text/calendar");
        assertThat(welsh.path("text").asString()).contains("/manage/");
    }

    @Test
    @Order(13)
    void aYoungPersonRegistersInArabicOnAPhoneRightToLeft() {
        var workshop = languagesEventPath.replace("/organiser/events/", "/workshops/");
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(workshop);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("العربية"))
                    .click();
            assertThat(page.locator("html")).hasAttribute("lang", "ar");
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
            assertThat(page.locator("h1")).hasText(LANGUAGES_TITLE);
            assertThat(page.evaluate("getComputedStyle(document.body).direction"))
                    .isEqualTo("rtl");
            // Right to left: the site's name, first in the header, sits at the right-hand side of the screen.
            var name = page.locator("header.site .name").boundingBox();
            assertThat(name.x).isGreaterThan(375 / 2.0);
            check(page, "workshop-ar");

            page.getByLabel("اسمك", new Page.GetByLabelOptions().setExact(true)).fill("Amal Browser");
            page.getByLabel("عنوان بريدك الإلكتروني").fill(ARABIC_PERSON);
            page.getByLabel("شاب", new Page.GetByLabelOptions().setExact(true)).check();
            page.getByLabel("من 18 إلى 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("سجّل"))
                    .click();

            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("تمّ حجزك");
            assertThat(page.locator("html")).hasAttribute("dir", "rtl");
            check(page, "registered-ar");
        }
        await().atMost(EMAIL_WAIT)
                .until(() -> subjectsTo(convene, ARABIC_PERSON).contains("تم حجز مكانك: " + LANGUAGES_TITLE));
        var arabic = emailsTo(convene, ARABIC_PERSON).getFirst();
        assertThat(arabic.path("attachments").toString()).contains("event.ics", "text/calendar");
        assertThat(arabic.path("html").asString()).contains("dir=\"rtl\"");
    }

    @Test
    @Order(14)
    void aYoungPersonReadsTheWorkshopInEasyReadAndRegisters() {
        var workshop = languagesEventPath.replace("/organiser/events/", "/workshops/");
        try (var phone = Browsers.phone(convene.gateway())) {
            var page = phone.newPage();
            page.navigate(workshop);
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Easy Read"))
                    .click();
            assertThat(page.locator("body")).hasClass(Pattern.compile("easy-read"));
            assertThat(page.locator(".easy-facts img.pictogram")).not().hasCount(0);
            assertThat(page.locator(".easy-facts li").count()).isGreaterThanOrEqualTo(5);
            var size = (String) page.evaluate("getComputedStyle(document.querySelector('.easy-facts p')).fontSize");
            assertThat(Double.parseDouble(size.replace("px", ""))).isGreaterThanOrEqualTo(21.3);
            check(page, "workshop-easy-read");

            fillIn(page, "Eddie Browser", EASY_READ_PERSON);
            page.getByLabel("18 to 25").check();
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Register"))
                    .click();
            assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("You’re booked");
            assertThat(page.locator(".easy-facts")).containsText("You have a place.");
            check(page, "registered-easy-read");
        }
        // Chosen on the page, Easy Read carries on into the email: one short fact a line.
        await().atMost(EMAIL_WAIT)
                .until(() -> !emailsTo(convene, EASY_READ_PERSON).isEmpty());
        var easyRead = emailsTo(convene, EASY_READ_PERSON).getFirst();
        assertThat(easyRead.path("attachments").toString()).contains("event.ics", "text/calendar");
        assertThat(easyRead.path("text").asString()).contains("Hello Eddie Browser.", "The date is ");
    }

    @Test
    @Order(15)
    void everyLanguageAndEasyReadFitA320PixelScreen() {
        var workshop = languagesEventPath.replace("/organiser/events/", "/workshops/");
        for (var choice : List.of(
                "/preferences/language?lang=cy",
                "/preferences/language?lang=ar",
                "/preferences/reading-mode?easyRead=1")) {
            try (var narrow = Browsers.narrow(convene.gateway())) {
                var page = narrow.newPage();
                page.navigate(choice + (choice.contains("?") ? "&" : "?") + "return=/");
                for (var path : List.of("/", workshop, "/subscribe")) {
                    page.navigate(path);
                    Accessibility.assertNoHorizontalScroll(page);
                }
            }
        }
    }

    private static String createAndPublish(String title, int seats, boolean inviteOnly) {
        return createAndPublish(title, seats, inviteOnly, null);
    }

    /**
     * An organiser makes and publishes an event on the pages, offering the interpreters named (null: none);
     * the organiser's page stays on it.
     */
    private static String createAndPublish(String title, int seats, boolean inviteOnly, String interpreters) {
        organiser.navigate("/organiser/events/new");
        var day = LocalDate.now().plusDays(41);
        organiser
                .getByLabel("Title", new Page.GetByLabelOptions().setExact(true))
                .fill(title);
        organiser
                .getByLabel("Summary", new Page.GetByLabelOptions().setExact(true))
                .fill("Talk about what matters to you.");
        organiser.getByLabel("Description").fill("A session for young people and the workers who bring them.");
        organiser
                .getByLabel("Start", new Page.GetByLabelOptions().setExact(true))
                .fill(day + "T17:00");
        organiser.getByLabel("End", new Page.GetByLabelOptions().setExact(true)).fill(day + "T19:00");
        organiser.getByLabel("Seats").fill(String.valueOf(seats));
        organiser.getByLabel("Venue name").fill("Youth Hub");
        organiser.getByLabel("Address").fill("1 High Street, Leeds");
        organiser.getByLabel("Postcode").fill("LS1 1AA");
        if (inviteOnly) {
            organiser.getByLabel("Invitation only").check();
        }
        if (interpreters != null) {
            organiser.getByLabel("Interpreters you can book").fill(interpreters);
        }
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Save draft"))
                .click();
        assertThat(organiser.locator("h1")).hasText(title);
        organiser
                .getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Publish"))
                .click();
        assertThat(organiser.getByRole(AriaRole.STATUS).first()).containsText("Published");
        return organiser.url().replace(convene.gateway(), "").replaceAll("[?#].*", "");
    }

    private static void fillIn(Page page, String name, String email) {
        page.getByLabel("Your name", new Page.GetByLabelOptions().setExact(true))
                .fill(name);
        page.getByLabel("Your email address").fill(email);
        page.getByLabel("Young person").check();
    }

    /** The most recent link in the person's emails that contains {@code part}, or null. */
    private static String link(String address, String part) {
        return emailsTo(convene, address).reversed().stream()
                .flatMap(message -> Pattern.compile("(http://[^\\s\"<>]+)")
                        .matcher(message.path("text").asString())
                        .results()
                        .map(match -> match.group(1)))
                .filter(url -> url.contains(part))
                .findFirst()
                .orElse(null);
    }

    /**
     * The page as it is now: no serious or critical accessibility violation, and a screenshot at the
     * page's own width and at the other one (phone 375 px, desktop 1280 px).
     */
    private static void check(Page page, String name) {
        page.waitForLoadState();
        Accessibility.assertNoSeriousViolations(page, name);
        visited.add(name);
        var size = page.viewportSize();
        boolean phone = size.width < 600;
        Screenshots.save(page, name + (phone ? "-phone" : "-desktop"));
        page.setViewportSize(phone ? 1280 : 375, phone ? 900 : 812);
        try {
            Screenshots.save(page, name + (phone ? "-desktop" : "-phone"));
        } finally {
            page.setViewportSize(size.width, size.height);
        }
    }
}
