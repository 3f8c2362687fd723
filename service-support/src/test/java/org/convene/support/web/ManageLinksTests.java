package org.convene.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManageLinksTests {

    @Test
    void theLinkIsTheManagePageWithTheToken() {
        assertThat(new ManageLinks("https://convene.example").forToken("abc"))
                .isEqualTo("https://convene.example/manage/abc");
    }

    @Test
    void aTrailingSlashInTheBaseUrlDoesNotDoubleTheSlash() {
        assertThat(new ManageLinks("https://convene.example/").forToken("abc"))
                .isEqualTo("https://convene.example/manage/abc");
    }

    @Test
    void webServedUnderAPathKeepsItsPath() {
        assertThat(new ManageLinks("https://example.org/convene").forToken("abc"))
                .isEqualTo("https://example.org/convene/manage/abc");
    }

    @Test
    void noTokenNoLink() {
        assertThat(new ManageLinks("https://convene.example").forTokenIfAny(null))
                .isNull();
        assertThat(new ManageLinks("https://convene.example").forTokenIfAny("abc"))
                .isEqualTo("https://convene.example/manage/abc");
    }
}
