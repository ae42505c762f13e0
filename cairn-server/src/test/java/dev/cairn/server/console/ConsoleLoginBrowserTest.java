package dev.cairn.server.console;

import dev.cairn.server.user.Role;
import dev.cairn.server.user.Totp;
import dev.cairn.server.user.UserAccount;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleLoginBrowserTest extends BrowserTestBase {

    @Test
    void anAnalystSignsInWithPasswordAndTotpAndSeesTheDashboard() {
        Member m = newMember("northwind");
        TestUser analyst = user(m, Role.ANALYST, true);
        m.api().post("/api/v1/signals", signalJson("EMAIL", "dash.board@example.com", "GROOMING", 70));

        open("/console/signals");
        assertThat(driver.getCurrentUrl()).endsWith("/console/login");
        screenshot("01-login");
        passwordStep(analyst.username(), analyst.password());
        waitFor(By.id("code"));
        screenshot("02-totp");
        driver.findElement(By.id("code")).sendKeys("000000".equals(now(analyst)) ? "111111" : "000000");
        driver.findElement(By.cssSelector("button[type=submit].primary")).click();
        assertThat(waitFor(By.cssSelector(".notice.error")).getText()).contains("code is not right");

        driver.findElement(By.id("code")).sendKeys(now(analyst));
        driver.findElement(By.cssSelector("button[type=submit].primary")).click();
        // back where the visitor was going before sign-in
        waitFor(By.id("filter-form"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/signals");
        open("/console");
        waitFor(By.cssSelector("#charts[data-loaded=true]"));
        assertThat(text(By.cssSelector(".tiles"))).contains("active signals you share");
        assertThat(text(By.cssSelector(".who"))).contains(analyst.username().isEmpty() ? "?" : "Analyst");
        screenshot("03-dashboard");
    }

    @Test
    void anAdminWithoutASecondFactorMustEnrolAtFirstSignIn() {
        Member m = newMember("fabrikam");
        TestUser admin = user(m, Role.PARTICIPANT_ADMIN, false);
        passwordStep(admin.username(), admin.password());
        waitFor(By.id("totp-secret"));
        assertThat(driver.getCurrentUrl()).endsWith("/console/login/enrol");
        // nothing but enrolment is reachable before it is done
        open("/console/admin/users");
        assertThat(driver.getCurrentUrl()).endsWith("/console/login");
        open("/console/login/enrol");
        String secret = text(By.id("totp-secret")).replace(" ", "");
        driver.findElement(By.cssSelector("details summary")).click();
        assertThat(text(By.id("totp-uri"))).startsWith("otpauth://totp/Cairn:" + admin.username())
                .contains("secret=" + secret);
        screenshot("04-enrol");
        driver.findElement(By.id("code")).sendKeys(Totp.code(secret, Instant.now().getEpochSecond()));
        driver.findElement(By.cssSelector("button[type=submit].primary")).click();
        waitFor(By.cssSelector("nav[aria-label=Main]"));
        assertThat(users.find(userId(admin)).orElseThrow().totpEnabled()).isTrue();
        assertThat(present(By.linkText("Users"))).isTrue();
    }

    @Test
    void unknownUserAndWrongPasswordReadTheSame() {
        Member m = newMember("contoso");
        TestUser viewer = user(m, Role.VIEWER, false);
        passwordStep(viewer.username(), "not-the-right-password");
        String wrongPassword = waitFor(By.id("login-error")).getText();
        passwordStep("nobody-" + m.slug(), "not-the-right-password");
        String unknown = waitFor(By.id("login-error")).getText();
        assertThat(unknown).isEqualTo(wrongPassword).doesNotContain(viewer.username());
        assertThat(driver.findElement(By.id("password")).getAttribute("value")).isEmpty();
    }

    @Test
    void suspendingTheUserOrTheParticipantEndsTheSessionOnTheNextRequest() {
        Member m = newMember("northwind");
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);
        open("/console/signals");
        waitFor(By.id("filter-form"));

        users.setStatus(adminCaller(m), userId(analyst), UserAccount.Status.SUSPENDED, null);
        open("/console/signals");
        assertThat(driver.getCurrentUrl()).contains("/console/login");
        assertThat(text(By.tagName("main"))).contains("session has ended");
        passwordStep(analyst.username(), analyst.password());
        assertThat(waitFor(By.id("login-error")).getText()).contains("suspended");

        users.setStatus(adminCaller(m), userId(analyst), UserAccount.Status.ACTIVE, null);
        signIn(analyst);
        operator().post("/api/v1/participants/" + m.id() + "/suspend", "");
        open("/console");
        assertThat(driver.getCurrentUrl()).contains("/console/login");
    }

    @Test
    void signingOutEndsTheSession() {
        Member m = newMember("fabrikam");
        TestUser viewer = user(m, Role.VIEWER, false);
        signIn(viewer);
        driver.findElement(By.cssSelector(".who button")).click();
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("signed-out"));
        open("/console");
        assertThat(driver.getCurrentUrl()).endsWith("/console/login");
    }

    private String now(TestUser u) {
        return Totp.code(u.secret(), Instant.now().getEpochSecond());
    }

    private java.util.UUID userId(TestUser u) {
        return jdbc.sql("SELECT id FROM app_user WHERE username = ?").param(u.username()).query(java.util.UUID.class).single();
    }
}
