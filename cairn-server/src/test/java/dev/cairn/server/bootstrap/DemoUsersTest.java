package dev.cairn.server.bootstrap;

import dev.cairn.server.support.ApiTestBase;
import dev.cairn.server.user.LoginService;
import dev.cairn.server.user.Role;
import dev.cairn.server.user.Totp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DemoUsersTest extends ApiTestBase {
    @Autowired
    DemoUsers demoUsers;
    @Autowired
    LoginService logins;

    @Test
    void eachDemoParticipantGetsAnAdminAnAnalystAndAViewerWithFreshCredentialsAtEveryStart() {
        Member m = newMember("northwind");
        var p = participants.find(m.id()).orElseThrow();
        var first = demoUsers.provision(List.of(p));
        assertThat(first.usernames()).contains("operator-admin", m.slug() + "-admin", m.slug() + "-analyst", m.slug() + "-viewer");
        assertThat(jdbc.sql("SELECT role FROM app_user WHERE username = ?").param(m.slug() + "-admin")
                .query(String.class).single()).isEqualTo(Role.PARTICIPANT_ADMIN.name());
        var ok = (LoginService.PasswordOk) logins.checkPassword(m.slug() + "-analyst", first.password());
        assertThat(ok.next()).isEqualTo(LoginService.Next.TOTP);
        assertThat(logins.verifyTotp(ok.userId(), Totp.code(first.totpSecret(), Instant.now().getEpochSecond()))).isTrue();

        var second = demoUsers.provision(List.of(p));
        assertThat(second.password()).isNotEqualTo(first.password());
        assertThat(logins.checkPassword(m.slug() + "-analyst", first.password())).isInstanceOf(LoginService.Refused.class);
        assertThat(logins.checkPassword(m.slug() + "-analyst", second.password())).isInstanceOf(LoginService.PasswordOk.class);
        assertThat(String.join("\n", DemoUsers.banner(second, 8080))).contains("/console").contains(second.password())
                .contains(Totp.grouped(second.totpSecret())).contains("otpauth://totp/");
    }
}
