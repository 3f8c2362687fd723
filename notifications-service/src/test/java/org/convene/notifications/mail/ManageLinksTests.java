package org.convene.notifications.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManageLinksTests {

    @Test
    void theLinkIsTheManagePageWithTheToken() {
        assertThat(new ManageLinks("https://convene.example").forToken("abc"))
                .isEqualTo("https://convene.example/manage/abc");
    }

    @Test
    void noTokenNoLink() {
        assertThat(new ManageLinks("https://convene.example").forToken(null)).isNull();
    }
}
