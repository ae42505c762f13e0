package dev.cairn.server.user;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTest {
    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void refusesShortCommonRepetitiveAndUsernamePasswords() {
        assertThat(policy.problem("short-one", "jo")).hasValueSatisfying(p -> assertThat(p).contains("12"));
        assertThat(policy.problem("password1234", "jo")).hasValueSatisfying(p -> assertThat(p).contains("common"));
        assertThat(policy.problem("Password2031!", "jo")).hasValueSatisfying(p -> assertThat(p).contains("common"));
        assertThat(policy.problem("Qwertyuiop123", "jo")).hasValueSatisfying(p -> assertThat(p).contains("common"));
        assertThat(policy.problem("aaaaaaaaaaaaaaaa", "jo")).isPresent();
        assertThat(policy.problem("ababababababab", "jo")).hasValueSatisfying(p -> assertThat(p).contains("too few"));
        assertThat(policy.problem("northwind-analyst-2026", "northwind-analyst"))
                .hasValueSatisfying(p -> assertThat(p).contains("username"));
        assertThat(policy.problem("é".repeat(40), "jo")).hasValueSatisfying(p -> assertThat(p).contains("72 bytes"));
    }

    @Test
    void acceptsALongPhrase() {
        assertThat(policy.problem("quiet harbour lantern", "jo")).isEmpty();
        assertThat(policy.problem(UserService.generatePassword(), "jo")).isEmpty();
    }
}
