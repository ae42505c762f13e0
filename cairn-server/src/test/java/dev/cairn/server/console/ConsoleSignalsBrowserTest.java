package dev.cairn.server.console;

import dev.cairn.server.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleSignalsBrowserTest extends BrowserTestBase {

    @Test
    void searchWithFiltersMasksValuesAndRevealIsRecorded() {
        Member m = newMember("northwind");
        Member other = newMember("fabrikam");
        m.api().post("/api/v1/signals", signalJson("EMAIL", "jane.roe@example.com", "SEXTORTION", 80));
        m.api().post("/api/v1/signals", signalJson("DOMAIN", "share.example.org", "GROOMING", 60));
        other.api().post("/api/v1/signals", signalJson("EMAIL", "other.member@example.net", "GROOMING", 50));
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);

        open("/console/signals");
        new Select(driver.findElement(By.id("f-type"))).selectByValue("EMAIL");
        new Select(driver.findElement(By.id("f-owner"))).selectByValue("me");
        driver.findElement(By.cssSelector("#filter-form button[type=submit]")).click();
        waitFor(By.id("results"));
        String results = text(By.id("results"));
        assertThat(results).contains("j•••@e•••.com").doesNotContain("jane.roe").doesNotContain("share.example.org")
                .doesNotContain("other.member");
        assertThat(driver.getCurrentUrl()).contains("type=EMAIL").doesNotContain("jane");
        screenshot("05-search");

        driver.findElement(By.cssSelector("#results a.value-link")).click();
        waitFor(By.id("signal-value"));
        assertThat(text(By.id("signal-value"))).isEqualTo("j•••@e•••.com");
        assertThat(driver.getPageSource()).doesNotContain("jane.roe");
        assertThat(driver.getTitle()).doesNotContain("jane");
        assertThat(text(By.id("history-heading"))).isEqualTo("History");
        assertThat(text(By.cssSelector("ol.history"))).contains("Created");
        String signalId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        int before = reveals(signalId);
        driver.findElement(By.id("reveal")).click();
        waitForText(By.id("signal-value"), "jane.roe@example.com");
        assertThat(present(By.id("reveal"))).isFalse();
        assertThat(reveals(signalId)).isEqualTo(before + 1);
        screenshot("06-signal-revealed");
    }

    @Test
    void findByValueUsesAPostAndFindsNormalisedMatches() {
        Member m = newMember("contoso");
        Member other = newMember("northwind");
        other.api().post("/api/v1/signals", signalJson("EMAIL", "J.Doe@Example.COM", "SEXTORTION", 80));
        TestUser viewer = user(m, Role.VIEWER, false);
        signIn(viewer);
        open("/console/signals");
        new Select(driver.findElement(By.id("find-type"))).selectByValue("EMAIL");
        driver.findElement(By.id("find-value")).sendKeys("j.doe@example.com");
        driver.findElement(By.cssSelector("#find-form button[type=submit]")).click();
        waitFor(By.id("results"));
        assertThat(text(By.id("results"))).contains("J•••@E•••.COM").contains(other.slug()).contains("NORMALISED");
        assertThat(driver.getCurrentUrl()).endsWith("/console/signals/find").doesNotContain("doe");
    }

    @Test
    void anotherParticipantsRetractedSignalIsNotFound() {
        Member m = newMember("fabrikam");
        Member other = newMember("contoso");
        var created = other.api().post("/api/v1/signals", signalJson("USERNAME", "retracted_trader_9", "GROOMING", 70));
        String id = created.field("/id");
        other.api().post("/api/v1/signals/" + id + "/retract", "{\"reason\": \"false positive\"}");
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);

        open("/console/signals?owner=" + other.slug());
        assertThat(waitFor(By.cssSelector(".results .empty")).getText()).contains("No signals match");
        open("/console/signals?owner=" + other.slug() + "&status=RETRACTED");
        assertThat(present(By.id("results"))).isFalse();

        open("/console/signals");
        new Select(driver.findElement(By.id("find-type"))).selectByValue("USERNAME");
        driver.findElement(By.id("find-value")).sendKeys("retracted_trader_9");
        driver.findElement(By.cssSelector("#find-form button[type=submit]")).click();
        assertThat(waitFor(By.cssSelector(".results .empty")).getText()).contains("No active signal matches");

        open("/console/signals/" + id);
        assertThat(text(By.tagName("h1"))).isEqualTo("Not found");
        assertThat(text(By.tagName("main"))).doesNotContain("retracted_trader");
    }

    @Test
    void submitValidatesAsYouTypeAndShares() {
        Member m = newMember("northwind");
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);
        open("/console/submit");
        new Select(driver.findElement(By.id("type"))).selectByValue("EMAIL");
        WebElement value = driver.findElement(By.id("value"));
        value.sendKeys("not-an-email");
        waitForText(By.id("err-value"), "'@'");
        screenshot("07-submit-validation");
        value.clear();
        value.sendKeys("typed.value@example.com");
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> d.findElement(By.id("err-value")).getText().isBlank());
        driver.findElement(By.id("cat-GROOMING")).click();
        WebElement confidence = driver.findElement(By.id("confidence"));
        confidence.clear();
        confidence.sendKeys("75");
        driver.findElement(By.id("share")).click();
        waitFor(By.id("signal-value"));
        assertThat(text(By.cssSelector(".notice.success"))).contains("Signal shared");
        assertThat(text(By.cssSelector("dl.facts"))).contains("GROOMING").contains("75");
        assertThat(ownedSignals(m)).isEqualTo(1);
    }

    @Test
    void submitWithoutCategoryShowsTheFieldError() {
        Member m = newMember("contoso");
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);
        open("/console/submit");
        new Select(driver.findElement(By.id("type"))).selectByValue("DOMAIN");
        driver.findElement(By.id("value")).sendKeys("nocategory.example.org");
        driver.findElement(By.id("share")).click();
        assertThat(waitFor(By.id("form-errors")).getText()).contains("not shared");
        assertThat(text(By.id("err-categories"))).isNotBlank();
        assertThat(driver.findElement(By.id("value")).getAttribute("value")).isEqualTo("nocategory.example.org");
        assertThat(ownedSignals(m)).isZero();
    }

    @Test
    void bulkUploadShowsPerRowErrorsCommitsNothingThenCommitsTheFixedFile() throws Exception {
        Member m = newMember("fabrikam");
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);
        Path bad = Files.createTempFile("cairn-bulk", ".csv");
        Files.writeString(bad, """
                type,value,categories,confidence,description,platform,valid_until
                EMAIL,bulk.one@example.com,SEXTORTION,80,"Extortion, several victims",,
                DOMAIN,bulk-two.example.org,GROOMING;SEXTORTION,60,,,2027-01-31
                EMAIL,not-an-address,GROOMING,70,,,
                USERNAME,bulk_trader_4,GROOMING,55,,example-chat,
                """);
        open("/console/bulk");
        driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.id("check-file")).click();
        assertThat(waitFor(By.id("preview-errors")).getText()).contains("1 row has errors").contains("Nothing has been shared");
        assertThat(driver.findElements(By.cssSelector("tr.row-error"))).hasSize(1);
        assertThat(text(By.cssSelector("tr.row-error"))).contains("4").contains("value");
        assertThat(present(By.id("commit"))).isFalse();
        assertThat(ownedSignals(m)).isZero();
        screenshot("08-bulk-errors");

        Path good = Files.createTempFile("cairn-bulk", ".csv");
        Files.writeString(good, Files.readString(bad).replace("not-an-address", "bulk.three@example.com"));
        driver.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
        driver.findElement(By.id("check-file")).click();
        assertThat(waitFor(By.id("preview-ok")).getText()).contains("All 4 rows are valid");
        screenshot("09-bulk-preview");
        driver.findElement(By.id("commit")).click();
        waitFor(By.id("results"));
        assertThat(text(By.cssSelector(".notice.success"))).contains("Shared 4 signals");
        assertThat(ownedSignals(m)).isEqualTo(4);
    }

    @Test
    void aViewerHasNoSubmitControlAndADirectPostIsRefused() {
        Member m = newMember("northwind");
        TestUser viewer = user(m, Role.VIEWER, false);
        signIn(viewer);
        assertThat(present(By.linkText("Submit"))).isFalse();
        assertThat(present(By.linkText("Bulk upload"))).isFalse();
        open("/console/submit");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(present(By.id("share"))).isFalse();

        // a hand-made POST with a valid CSRF token (from the page) is still refused
        open("/console/signals");
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = JSON.parse(document.body.getAttribute('hx-headers'));
                headers['Content-Type'] = 'application/x-www-form-urlencoded';
                fetch('/console/submit', {method: 'POST', headers: headers, redirect: 'manual',
                    body: 'type=EMAIL&value=viewer.post%40example.com&categories=GROOMING&confidence=50'})
                  .then(r => done(r.status));""");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(ownedSignals(m)).isZero();
    }

    private int reveals(String signalId) {
        return jdbc.sql("SELECT COUNT(*) FROM value_reveal WHERE signal_id = ?").param(UUID.fromString(signalId))
                .query(Integer.class).single();
    }
}
