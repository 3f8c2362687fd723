package org.convene.journeys;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.convene.journeys.Http.get;
import static org.convene.journeys.Http.post;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.qrcode.QRCodeWriter;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.convene.journeys.browser.Accessibility;
import org.convene.journeys.browser.Browsers;
import org.convene.journeys.browser.Screenshots;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * QR check-in at the door (issue 22) in a real browser whose camera shows a QR code the test drew of a
 * real registration's check-in code (Chromium's fake camera): the organiser presses Scan and a young
 * person of a worker's group is Attended; then the connection drops, a second code typed meanwhile waits
 * on the tablet ("Waiting to send: 1"), and when the connection comes back it is sent and that person is
 * Attended too. The page is checked with axe-core in both states.
 */
class CheckInScanJourneyIT {

    private static final long tag = System.nanoTime() % 1_000_000;

    private static RunningConvene convene;
    private static Browser scanningBrowser;

    @TempDir
    static Path folder;

    @BeforeAll
    static void theSystemIsRunning() {
        convene = RunningConvene.shared();
    }

    @AfterAll
    static void closeTheBrowser() {
        if (scanningBrowser != null) {
            scanningBrowser.close();
        }
    }

    @Test
    void anOrganiserScansAYoungPersonsCodeAndACodeTypedOfflineIsSentWhenTheConnectionComesBack() throws Exception {
        var token = convene.organiserToken();
        var eventId = publishedEvent(token);
        var group = register(eventId, """
                {"attendee":{"name":"Sam Scanworker %1$d","email":"sam.scan.%1$d@example.org","role":"PROFESSIONAL",
                             "ageBand":"OVER_25"},
                 "companions":[],
                 "group":{"organisation":"Rutland County Council",
                          "members":[{"name":"Riley Scanned %1$d","ageBand":"AGE_18_TO_25"}]}}""".formatted(tag));
        var member = group.path("group").path("members").get(0);
        var memberCode = member.path("checkInCode").asString();
        var typed = register(eventId, """
                {"attendee":{"name":"Alex Offline %1$d","email":"alex.offline.%1$d@example.org","role":"YOUNG_PERSON",
                             "ageBand":"AGE_18_TO_25"},"companions":[]}""".formatted(tag));
        assertThat(memberCode).matches("[A-Za-z0-9_-]{43}");

        scanningBrowser = Browsers.withFakeCamera(cameraShowing(memberCode));
        try (BrowserContext tablet = scanningBrowser.newContext(new Browser.NewContextOptions()
                .setBaseURL(convene.gateway())
                .setViewportSize(1024, 768)
                .setHasTouch(true)
                .setPermissions(List.of("camera")))) {
            var page = tablet.newPage();
            signIn(page);
            page.navigate("/organiser/events/" + eventId + "/check-in");
            assertThat(page.locator("h1")).hasText("Check-in");
            Accessibility.assertNoSeriousViolations(page, "check-in");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Scan a QR code"))
                    .click();
            // Said where screen readers hear it, without moving focus from the scan button.
            var result = page.locator("#scan-result");
            assertThat(result).hasAttribute("role", "status");
            assertThat(result).hasAttribute("aria-live", "polite");
            assertThat(result)
                    .hasText(
                            "Riley Scanned " + tag + " checked in",
                            new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            var memberRow = page.locator("#r-" + group.path("registrationId").asString() + "-"
                    + member.path("memberId").asString());
            assertThat(memberRow).containsText("Attended");
            Screenshots.save(page, "check-in-scanned-tablet");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Stop scanning"))
                    .click();

            // The signal drops at the door: the typed code waits on the tablet, with nothing sent.
            tablet.setOffline(true);
            page.getByLabel("Check-in code", new Page.GetByLabelOptions().setExact(true))
                    .fill(typed.path("checkInCode").asString());
            page.locator("#check-in-code-form button[type=submit]").click();
            assertThat(page.locator("#queue-count")).hasText("Waiting to send: 1");
            assertThat(page.locator("#scan-result")).containsText("No connection");
            assertThat(stored(page)).containsKey(typed.path("checkInCode").asString());
            assertThat(attendance(eventId, token, typed.path("registrationId").asString()))
                    .isEqualTo("none");
            Accessibility.assertNoSeriousViolations(page, "check-in-queued");
            Screenshots.save(page, "check-in-queued-tablet");

            tablet.setOffline(false);
            assertThat(page.locator("#scan-result"))
                    .hasText(
                            "Alex Offline " + tag + " checked in",
                            new LocatorAssertions.HasTextOptions().setTimeout(30_000));
            assertThat(page.locator("#queue-count")).hasText("All waiting check-ins have been sent.");
            assertThat(page.locator("#r-" + typed.path("registrationId").asString()))
                    .containsText("Attended");
            assertThat(stored(page)).isEmpty();
        }

        assertThat(attendance(eventId, token, typed.path("registrationId").asString()))
                .isEqualTo("ATTENDED");
        var rows = get(convene.gateway() + "/api/events/" + eventId + "/registrations", token)
                .json();
        assertThat(rows.valueStream()
                        .filter(row -> member.path("memberId")
                                .asString()
                                .equals(row.path("memberId").asString()))
                        .map(row -> row.path("attendance").asString()))
                .containsExactly("ATTENDED");
        // The worker themself was not scanned: only the young person whose code it was.
        assertThat(rows.valueStream()
                        .filter(row -> row.path("registrationId")
                                        .asString()
                                        .equals(group.path("registrationId").asString())
                                && row.path("memberId").isNull())
                        .map(row -> row.path("attendance").isNull()))
                .containsExactly(true);
    }

    private static String publishedEvent(String token) {
        var start = LocalDateTime.now()
                .plusDays(14)
                .withHour(18)
                .withMinute(0)
                .withSecond(0)
                .withNano(0);
        var created = post(convene.gateway() + "/api/events", """
                {"title":"Evening at the door %d","format":"WORKSHOP","audience":"YOUNG_PEOPLE","startsAt":"%s",
                 "endsAt":"%s","timeZone":"Europe/London","capacity":20,
                 "venue":{"name":"Youth Hub","address":"1 High Street, Leeds","postcode":"LS1 1AA"}}""".formatted(tag, start, start.plusHours(3)), token);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var id = created.json().path("id").asString();
        var published = post(convene.gateway() + "/api/events/" + id + "/publish", null, token);
        assertThat(published.status()).as(published.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> get(convene.gateway() + "/api/events/" + id + "/availability", null)
                                .status()
                        == 200);
        return id;
    }

    private static JsonNode register(String eventId, String body) {
        var answer = Http.postFrom(
                "198.51.100." + (1 + Math.floorMod(body.hashCode(), 250)),
                convene.gateway() + "/api/events/" + eventId + "/registrations",
                body);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("status").asString()).isEqualTo("CONFIRMED");
        return answer.json();
    }

    /** What the organisers' list says of the registrant, "none" before anything was marked. */
    private static String attendance(String eventId, String token, String registrationId) {
        return get(convene.gateway() + "/api/events/" + eventId + "/registrations", token)
                .json()
                .valueStream()
                .filter(row -> registrationId.equals(row.path("registrationId").asString())
                        && row.path("memberId").isNull())
                .map(row -> row.path("attendance").isNull()
                                || row.path("attendance").isMissingNode()
                        ? "none"
                        : row.path("attendance").asString())
                .findFirst()
                .orElseThrow();
    }

    /** The tablet's queue as the page keeps it: codes only, nothing else about anyone. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> stored(Page page) {
        return (Map<String, Object>) page.evaluate("""
                () => {
                  const key = Object.keys(localStorage).find(k => k.startsWith('convene-check-in-queue:'));
                  return key ? JSON.parse(localStorage.getItem(key)) : {};
                }""");
    }

    private static void signIn(Page page) {
        page.navigate("/organiser");
        page.waitForURL(Pattern.compile(Pattern.quote(convene.identity()) + "/login.*"));
        page.getByLabel("Email").fill("organiser@demo.convene.test");
        page.getByLabel("Password").fill(convene.organiserPassword());
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in"))
                .click();
        page.waitForURL(convene.gateway() + "/organiser");
    }

    /**
     * A camera picture of the code as a QR code, as Chromium's fake camera reads it: a Y4M video (4:2:0,
     * 640x480) of a few identical frames, black modules on white with the quiet zone scanners expect.
     */
    private static Path cameraShowing(String code) throws Exception {
        int width = 640;
        int height = 480;
        var matrix = new QRCodeWriter().encode(code, BarcodeFormat.QR_CODE, 360, 360, Map.of(EncodeHintType.MARGIN, 4));
        int left = (width - matrix.getWidth()) / 2;
        int top = (height - matrix.getHeight()) / 2;
        var luma = new byte[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int mx = x - left;
                int my = y - top;
                boolean dark =
                        mx >= 0 && my >= 0 && mx < matrix.getWidth() && my < matrix.getHeight() && matrix.get(mx, my);
                luma[y * width + x] = (byte) (dark ? 16 : 235);
            }
        }
        var chroma = new byte[(width / 2) * (height / 2)];
        java.util.Arrays.fill(chroma, (byte) 128);
        var video = new ByteArrayOutputStream();
        video.write("YUV4MPEG2 W%d H%d F10:1 Ip A1:1 C420jpeg\n"
                .formatted(width, height)
                .getBytes(StandardCharsets.US_ASCII));
        for (int frame = 0; frame < 5; frame++) {
            video.write("FRAME\n".getBytes(StandardCharsets.US_ASCII));
            video.write(luma);
            video.write(chroma);
            video.write(chroma);
        }
        var file = folder.resolve("check-in-code.y4m");
        Files.write(file, video.toByteArray());
        return file;
    }
}
