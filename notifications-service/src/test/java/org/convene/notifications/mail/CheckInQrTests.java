package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.convene.notifications.QrScan;
import org.junit.jupiter.api.Test;

/** The QR code in a confirmation email scans back to the person's check-in code. */
class CheckInQrTests {

    @Test
    void thePngScansBackToTheCode() throws Exception {
        var code = "Vq3Xb7Lm2Kp9Rt4Wz8Yc1Nd6Hf0Gj5Sa2Eu7Io3Qx4";

        var inline = CheckInQr.of(code);

        assertThat(inline.contentId()).isEqualTo("check-in-qr");
        assertThat(inline.contentType()).isEqualTo("image/png");
        assertThat(QrScan.text(inline.content())).isEqualTo(code);
    }

    @Test
    void theEmailsThatGiveAPlaceShowTheCodeBeneathItsPictureWithAltTextInEveryLanguageAndEasyRead() {
        var templates = new EmailTemplates();
        var model = EmailTranslationsTests.model();
        model.put("checkInCode", "Vq3Xb7Lm2Kp9");

        for (var kind : new String[] {"confirmation", "promoted"}) {
            for (var language : EmailTemplates.LANGUAGES) {
                for (var easyRead : new boolean[] {false, true}) {
                    var reading = EmailTemplates.Reading.of(language, easyRead);
                    var rendered = templates.render(kind, "Subject", model, reading);
                    var alt = templates.message("email.checkIn.alt", reading.locale());
                    assertThat(rendered.html())
                            .as("%s in %s, easy read %s", kind, language, easyRead)
                            .contains("src=\"cid:check-in-qr\"", "alt=\"" + alt + "\"", ">Vq3Xb7Lm2Kp9<")
                            .doesNotContain("??");
                    assertThat(rendered.text()).contains("Vq3Xb7Lm2Kp9").doesNotContain("??");
                }
            }
        }
        assertThat(templates.render("confirmation", "Subject", model).text())
                .contains("Your check-in code, to show at the door: Vq3Xb7Lm2Kp9");
        assertThat(templates.message("email.checkIn.alt", java.util.Locale.forLanguageTag("cy")))
                .isNotEqualTo(templates.message("email.checkIn.alt", java.util.Locale.forLanguageTag("en-GB")));
    }

    @Test
    void withoutACodeNothingOfItIsShown() {
        var templates = new EmailTemplates();
        var model = EmailTranslationsTests.model();
        model.put("checkInCode", null);

        for (var easyRead : new boolean[] {false, true}) {
            var rendered =
                    templates.render("confirmation", "Subject", model, EmailTemplates.Reading.of("en-GB", easyRead));
            assertThat(rendered.html()).doesNotContain("cid:check-in-qr");
            assertThat(rendered.text()).doesNotContain("check-in code", "Your code");
        }
    }
}
