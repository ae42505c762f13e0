package dev.cairn.server.console;

import dev.cairn.server.support.ApiClient;
import dev.cairn.server.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleAdminBrowserTest extends BrowserTestBase {

    @Test
    void anApiKeySecretIsShownOnceAndWorks() {
        Member m = newMember("contoso");
        TestUser admin = user(m, Role.PARTICIPANT_ADMIN, true);
        signIn(admin);
        open("/console/admin/keys");
        driver.findElement(By.id("key-name")).sendKeys("matching service");
        new Select(driver.findElement(By.id("key-scope"))).selectByValue("read");
        driver.findElement(By.cssSelector("#create-key button[type=submit]")).click();
        String secret = waitFor(By.id("secret-value")).getText();
        assertThat(secret).startsWith("cairn_");
        assertThat(text(By.id("keys"))).contains("matching service").doesNotContain(secret);
        screenshot("10-api-key-created");

        assertThat(new ApiClient(port, secret).get("/api/v1/taxonomy").status()).isEqualTo(200);
        open("/console/admin/keys");
        assertThat(present(By.id("secret-value"))).isFalse();
        assertThat(driver.getPageSource()).doesNotContain(secret);

        driver.findElement(By.cssSelector("#keys button[aria-label='Revoke key matching service']")).click();
        waitForText(By.cssSelector(".notice.success"), "revoked");
        assertThat(new ApiClient(port, secret).get("/api/v1/taxonomy").status()).isEqualTo(401);
    }

    @Test
    void aParticipantAdminCreatesAndSuspendsUsers() {
        Member m = newMember("northwind");
        TestUser admin = user(m, Role.PARTICIPANT_ADMIN, true);
        signIn(admin);
        open("/console/admin/users");
        String username = m.slug() + "-new-analyst";
        driver.findElement(By.id("new-username")).sendKeys(username);
        driver.findElement(By.id("new-display-name")).sendKeys("New Analyst");
        new Select(driver.findElement(By.id("new-role"))).selectByValue("ANALYST");
        driver.findElement(By.id("new-password")).sendKeys("password1234");
        driver.findElement(By.cssSelector("#create-user button[type=submit]")).click();
        assertThat(waitFor(By.id("err-password")).getText()).contains("too common");
        // operator admins are not offered to a participant admin
        assertThat(driver.findElements(By.cssSelector("#new-role option[value=OPERATOR_ADMIN]"))).isEmpty();

        driver.findElement(By.id("new-password")).clear();
        driver.findElement(By.cssSelector("#create-user button[type=submit]")).click();
        String initial = waitFor(By.id("secret-value")).getText();
        assertThat(initial).hasSize(23);
        assertThat(text(By.id("user-" + username))).contains("Active");
        screenshot("11-users");

        driver.findElement(By.cssSelector("#user-" + username + " button[aria-label='Suspend " + username + "']")).click();
        waitForText(By.cssSelector(".notice.success"), "suspended");
        assertThat(text(By.id("user-" + username))).contains("Suspended");
        assertThat(text(By.id("user-" + admin.username()))).contains("You");
    }

    @Test
    void theOperatorManagesParticipantsAndTheTaxonomy() {
        var operator = participants.findOperator().orElseThrow();
        String username = "operator-admin-" + System.nanoTime() % 100000;
        users.provision(operator.id(), username, "Operator admin", Role.OPERATOR_ADMIN, PASSWORD,
                dev.cairn.server.user.Totp.newSecret());
        String secret = jdbc.sql("SELECT totp_secret FROM app_user WHERE username = ?").param(username)
                .query(String.class).single();
        signIn(new TestUser(username, PASSWORD, secret));
        open("/console/operator/participants");
        String slug = "console-made-" + System.nanoTime() % 100000;
        driver.findElement(By.id("p-slug")).sendKeys(slug);
        driver.findElement(By.id("p-name")).sendKeys("Console Made Ltd");
        driver.findElement(By.id("p-contact")).sendKeys("tns@console-made.example");
        driver.findElement(By.cssSelector("main form.stack button[type=submit]")).click();
        assertThat(waitFor(By.id("secret-value")).getText()).startsWith("cairn_");
        assertThat(text(By.id("participants"))).contains(slug);
        screenshot("12-participants");
        driver.findElement(By.cssSelector("button[aria-label='Suspend Console Made Ltd']")).click();
        waitForText(By.cssSelector(".notice.success"), "suspended");
        assertThat(participants.findBySlug(slug).orElseThrow().status().name()).isEqualTo("SUSPENDED");

        open("/console/operator/taxonomy");
        String code = "CONSOLE_TEST_" + System.nanoTime() % 100000;
        driver.findElement(By.id("c-code")).sendKeys(code);
        driver.findElement(By.id("c-name")).sendKeys("Console test category");
        driver.findElement(By.id("c-retention")).sendKeys("90");
        driver.findElement(By.id("c-description")).sendKeys("Added by a browser test.");
        driver.findElement(By.cssSelector("main form.stack button[type=submit]")).click();
        waitForText(By.cssSelector(".notice.success"), code);
        driver.findElement(By.cssSelector("button[aria-label='Deprecate " + code + "']")).click();
        waitForText(By.cssSelector(".notice.success"), "deprecated");
        screenshot("13-taxonomy");
    }

    @Test
    void aParticipantAdminCannotReachOperatorPages() {
        Member m = newMember("fabrikam");
        TestUser admin = user(m, Role.PARTICIPANT_ADMIN, true);
        signIn(admin);
        assertThat(present(By.linkText("Participants"))).isFalse();
        open("/console/operator/participants");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");
    }
}
