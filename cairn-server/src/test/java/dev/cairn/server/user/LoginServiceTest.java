package dev.cairn.server.user;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.auth.Scope;
import dev.cairn.server.support.ApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.util.EnumSet;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class LoginServiceTest extends ApiTestBase {
    private static final String PASSWORD = "quiet harbour lantern";

    @Autowired
    LoginService logins;
    @Autowired
    UserService users;

    private UserAccount user(Member m, Role role, String secret) {
        return users.provision(m.id(), m.slug() + "-" + role.name().toLowerCase().replace('_', '-'), "Test", role,
                PASSWORD, secret);
    }

    @Test
    void unknownUserAndWrongPasswordAreRefusedAlikeAndTakeAboutAsLong() {
        Member m = newMember("northwind");
        UserAccount u = user(m, Role.ANALYST, null);
        logins.checkPassword("warm-up", "x"); // first bcrypt call pays for class loading
        long t0 = System.nanoTime();
        var unknown = logins.checkPassword("nobody-" + m.slug(), PASSWORD);
        long t1 = System.nanoTime();
        var wrong = logins.checkPassword(u.username(), "wrong password here");
        long t2 = System.nanoTime();
        assertThat(unknown).isInstanceOf(LoginService.Refused.class).isEqualTo(wrong);
        long unknownMs = (t1 - t0) / 1_000_000;
        long wrongMs = (t2 - t1) / 1_000_000;
        // both run one bcrypt at cost 12; a missing dummy hash would make the unknown user near-instant
        assertThat(unknownMs).isGreaterThan(wrongMs / 3);
        assertThat(wrongMs).isGreaterThan(unknownMs / 3);
    }

    @Test
    void fiveFailuresLockTheAccountEvenForTheRightPassword() {
        Member m = newMember("fabrikam");
        UserAccount u = user(m, Role.VIEWER, null);
        for (int i = 0; i < LoginService.MAX_FAILURES; i++) {
            assertThat(logins.checkPassword(u.username(), "wrong password " + i)).isInstanceOf(LoginService.Refused.class);
        }
        assertThat(logins.checkPassword(u.username(), PASSWORD)).isInstanceOf(LoginService.Refused.class);
        assertThat(users.find(u.id()).orElseThrow().lockedUntil()).isAfter(Instant.now().plusSeconds(60));
        // an admin's password reset lifts the lock
        Caller admin = new Caller(m.id(), m.slug(), false, null, EnumSet.allOf(Scope.class), null);
        String fresh = users.resetPassword(admin, u.id(), null).generatedPassword();
        assertThat(logins.checkPassword(u.username(), fresh)).isInstanceOf(LoginService.PasswordOk.class);
    }

    @Test
    void suspensionIsToldOnlyAfterTheRightPassword() {
        Member m = newMember("contoso");
        UserAccount u = user(m, Role.ANALYST, null);
        Caller admin = new Caller(m.id(), m.slug(), false, null, EnumSet.allOf(Scope.class), null);
        users.setStatus(admin, u.id(), UserAccount.Status.SUSPENDED, null);
        assertThat(logins.checkPassword(u.username(), "wrong password here")).isInstanceOf(LoginService.Refused.class);
        assertThat(logins.checkPassword(u.username(), PASSWORD)).isInstanceOf(LoginService.Suspended.class);
        assertThat(users.signedIn(u.id())).isEmpty();
        users.setStatus(admin, u.id(), UserAccount.Status.ACTIVE, null);
        assertThat(users.signedIn(u.id())).isPresent();
        operator().post("/api/v1/participants/" + m.id() + "/suspend", "");
        assertThat(logins.checkPassword(u.username(), PASSWORD)).isInstanceOf(LoginService.Suspended.class);
        assertThat(users.signedIn(u.id())).isEmpty();
    }

    @Test
    void theSecondStepDependsOnRoleAndEnrolment() {
        Member m = newMember("northwind");
        UserAccount analyst = user(m, Role.ANALYST, null);
        UserAccount admin = user(m, Role.PARTICIPANT_ADMIN, null);
        UserAccount enrolled = user(m, Role.VIEWER, Totp.newSecret());
        assertThat(((LoginService.PasswordOk) logins.checkPassword(analyst.username(), PASSWORD)).next())
                .isEqualTo(LoginService.Next.DONE);
        assertThat(((LoginService.PasswordOk) logins.checkPassword(admin.username(), PASSWORD)).next())
                .isEqualTo(LoginService.Next.ENROL);
        assertThat(((LoginService.PasswordOk) logins.checkPassword(enrolled.username(), PASSWORD)).next())
                .isEqualTo(LoginService.Next.TOTP);
        // an admin without a second factor has no usable session until enrolled
        assertThat(users.signedIn(admin.id())).isEmpty();
        String secret = Totp.newSecret();
        long now = Instant.now().getEpochSecond();
        assertThat(logins.enrol(admin.id(), secret, "000000".equals(Totp.code(secret, now)) ? "111111" : "000000")).isFalse();
        assertThat(logins.enrol(admin.id(), secret, Totp.code(secret, now))).isTrue();
        assertThat(users.signedIn(admin.id())).isPresent();
        // enrolment cannot overwrite an enrolled factor
        assertThat(logins.enrol(admin.id(), Totp.newSecret(), Totp.code(secret, now))).isFalse();
    }

    @Test
    void aTotpCodeWorksOnce() {
        Member m = newMember("fabrikam");
        String secret = Totp.newSecret();
        UserAccount u = user(m, Role.ANALYST, secret);
        String code = Totp.code(secret, Instant.now().getEpochSecond());
        assertThat(logins.verifyTotp(u.id(), code)).isTrue();
        assertThat(logins.verifyTotp(u.id(), code)).as("replayed").isFalse();
        assertThat(logins.verifyTotp(u.id(), Totp.code(secret, Instant.now().getEpochSecond() + 30))).isTrue();
        assertThat(logins.verifyTotp(UUID.randomUUID(), code)).isFalse();
    }
}
