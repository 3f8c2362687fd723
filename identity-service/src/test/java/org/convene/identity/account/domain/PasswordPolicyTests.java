package org.convene.identity.account.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy(12, Set.of("password", "monkey", "liverpool", "letmein"));

    @ParameterizedTest
    @ValueSource(strings = {"short-1", "elevenchars"})
    void refusesPasswordsShorterThanTheMinimum(String password) {
        assertThat(policy.problems(password, "sam@example.org", "Sam Jones"))
                .containsExactly("must be at least 12 characters long");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Password1234",
                "P@ssw0rd2024!",
                "!!!monkey!!!!",
                "LIVERPOOL1892",
                "letmeinletmein",
                "passwordpassword"
            })
    void refusesBreachedPasswordsInTheirUsualDisguises(String password) {
        assertThat(policy.problems(password, "sam@example.org", "Sam Jones"))
                .anySatisfy(reason -> assertThat(reason).contains("attackers try first"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"aaaaaaaaaaaaaa", "123456789012", "qwertyuiopasdf", "abcabcabcabcabc", "zyxwvutsrqpon"})
    void refusesSequencesAndRepetitions(String password) {
        assertThat(policy.problems(password, "sam@example.org", "Sam Jones")).isNotEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jones-family-2024", "samjones-rocks!", "Convene-is-great"})
    void refusesPasswordsBuiltFromTheNameEmailOrService(String password) {
        assertThat(policy.problems(password, "samjones@example.org", "Sam Jones"))
                .contains("must not contain your name, your email or the name of this service");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plum-orbit-velvet-harbour", "Tea at 4 on the blue boat", "x7#Lq9!vR2@mZp"})
    void acceptsLongUnpredictablePasswords(String password) {
        assertThat(policy.problems(password, "sam@example.org", "Sam Jones")).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void reportsEveryReasonAtOnce() {
        assertThatThrownBy(() -> policy.check("samsamsamsam", "sam@example.org", "Sam"))
                .isInstanceOfSatisfying(
                        PasswordRejected.class, e -> assertThat(e.reasons()).hasSizeGreaterThanOrEqualTo(2));
    }
}
