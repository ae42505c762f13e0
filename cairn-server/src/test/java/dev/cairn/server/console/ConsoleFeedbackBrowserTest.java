package dev.cairn.server.console;

import dev.cairn.server.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The feedback loop in the console: another member's analyst records what came of a signal (after a refused attempt)
 * and disputes it; the owner's analyst sees both and upholds the signal; the owner's impact page counts the action.
 */
class ConsoleFeedbackBrowserTest extends BrowserTestBase {

    @Test
    void feedbackDisputeResolutionAndImpact() {
        Member northwind = newMember("northwind");
        Member fabrikam = newMember("fabrikam");
        String id = northwind.api().post("/api/v1/signals",
                signalJson("EMAIL", "extorter.feedback@example.com", "SEXTORTION", 80)).field("/id");
        assertThat(fabrikam.api().post("/api/v1/match", """
                {"items": [{"type": "EMAIL", "value": "extorter.feedback@example.com"}]}""").json()
                .get("matched_items").asInt()).isEqualTo(1);

        // fabrikam's analyst: score, feedback (refused, then recorded), dispute
        TestUser analyst = user(fabrikam, Role.ANALYST, false);
        signIn(analyst);
        open("/console/signals/" + id);
        assertThat(driver.getPageSource()).doesNotContain("extorter.feedback"); // masked until revealed
        assertThat(text(By.id("quality-score"))).isEqualTo("80");
        assertThat(text(By.id("quality-panel"))).contains("confidence 80").contains("no member has confirmed it yet");
        new Select(driver.findElement(By.id("fb-outcome"))).selectByValue("ACTIONED");
        assertThat(driver.findElement(By.id("fb-accounts")).isDisplayed()).isTrue();
        driver.findElement(By.id("give-feedback")).click();
        assertThat(waitFor(By.id("feedback-errors")).getText()).contains("not recorded");
        assertThat(text(By.id("err-accounts_actioned"))).contains("required for ACTIONED");
        assertThat(text(By.id("err-human_reviewed"))).contains("must be true for ACTIONED");
        assertThat(driver.findElement(By.id("fb-human")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(feedbackRows(id)).isZero();
        screenshot("20-feedback-field-errors");

        driver.findElement(By.id("fb-accounts")).sendKeys("2");
        driver.findElement(By.id("fb-content")).sendKeys("5");
        driver.findElement(By.id("fb-human")).click();
        driver.findElement(By.id("fb-note")).sendKeys("Accounts suspended after review.");
        driver.findElement(By.id("give-feedback")).click();
        waitForText(By.id("feedback-panel"), "Feedback recorded");
        assertThat(text(By.id("my-feedback"))).contains("Actioned").contains("2 accounts").contains("5 pieces of content");
        assertThat(present(By.id("feedback-errors"))).isFalse();
        assertThat(feedbackRows(id)).isEqualTo(1);
        // the quality score was refreshed with the answer: one confirmation closes a quarter of the gap (80 -> 85)
        assertThat(text(By.id("quality-score"))).isEqualTo("85");

        driver.findElement(By.id("dispute-reason")).sendKeys("The address belongs to a test account, not an offender.");
        driver.findElement(By.id("open-dispute")).click();
        waitForText(By.id("disputes-panel"), "Dispute sent");
        assertThat(text(By.id("open-disputes"))).contains("test account");
        assertThat(present(By.id("dispute-form"))).isFalse();
        assertThat(text(By.id("quality-score"))).isEqualTo("64"); // 85 x 0.75 for the open dispute
        screenshot("21-feedback-and-dispute-sent");

        // northwind's analyst: everyone's feedback, the dispute, upheld
        driver.manage().deleteAllCookies();
        TestUser owner = user(northwind, Role.ANALYST, false);
        signIn(owner);
        open("/console/signals/" + id);
        assertThat(present(By.id("feedback-form"))).isFalse();
        assertThat(present(By.id("dispute-form"))).isFalse();
        String feedbackTable = text(By.id("feedback-table"));
        assertThat(feedbackTable).contains(fabrikam.slug()).contains("Actioned").contains("2").contains("5")
                .contains("Accounts suspended after review.");
        assertThat(text(By.id("open-disputes"))).contains(fabrikam.slug()).contains("test account");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
                driver.findElement(By.id("section-feedback")));
        screenshot("22-owner-sees-feedback-and-dispute");

        WebElement form = driver.findElement(By.cssSelector("#open-disputes .resolve-form"));
        form.findElement(By.cssSelector("input[value=UPHELD]")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(By.id("dispute-errors"), "not answered");
        assertThat(text(By.cssSelector("#open-disputes .resolve-form"))).contains("is required for UPHELD");
        form = driver.findElement(By.cssSelector("#open-disputes .resolve-form"));
        assertThat(form.findElement(By.cssSelector("input[value=UPHELD]")).isSelected()).isTrue();
        form.findElement(By.tagName("textarea")).sendKeys("Checked again: the account sent extortion messages.");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitForText(By.id("disputes-panel"), "Dispute answered (upheld)");
        assertThat(present(By.id("open-disputes"))).isFalse();
        assertThat(text(By.id("resolved-disputes"))).contains("Upheld").contains("extortion messages");
        assertThat(openDisputes(id)).isZero();
        assertThat(text(By.id("quality-score"))).isEqualTo("85");
        screenshot("23-dispute-upheld");

        // the owner's impact: the match, the action and the flow; the chart loads from its JSON endpoint
        driver.findElement(By.linkText("My impact")).click();
        waitFor(By.id("impact-totals"));
        assertThat(text(By.id("t-matches"))).isEqualTo("1");
        assertThat(text(By.id("t-actions"))).isEqualTo("1");
        assertThat(text(By.id("impact-totals"))).contains("2 accounts").contains("5 pieces of content");
        String row = text(By.cssSelector("#impact-signals tbody tr"));
        assertThat(row).contains("EMAIL").contains("SEXTORTION").doesNotContain("extorter");
        assertThat(text(By.id("impact-flows"))).contains(northwind.slug() + " " + fabrikam.slug() + " 1 1 1 2 5");
        new WebDriverWait(driver, Duration.ofSeconds(15))
                .until(d -> "true".equals(d.findElement(By.id("impact-chart")).getAttribute("data-loaded")));
        assertThat(driver.getCurrentUrl()).doesNotContain("extorter");
        assertThat(driver.getTitle()).isEqualTo("My impact · Cairn");
        assertThat(text(By.id("impact-totals"))).contains("match by 1 other member");
        screenshot("24-impact");
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView()",
                driver.findElement(By.id("signals-heading")));
        screenshot("25-impact-tables");

        // a window before anything happened shows nothing; a reversed window is refused on the field
        open("/console/impact?since=2020-01-01&until=2020-01-31");
        assertThat(text(By.id("t-actions"))).isEqualTo("0");
        assertThat(present(By.id("impact-signals"))).isFalse();
        open("/console/impact?since=2020-02-01&until=2020-01-01");
        assertThat(text(By.id("err-until"))).contains("must not be before");
    }

    @Test
    void aViewerSeesTheScoreButNoFeedbackOrDisputeForms() {
        Member owner = newMember("contoso");
        Member other = newMember("tailspin");
        String id = owner.api().post("/api/v1/signals",
                signalJson("USERNAME", "viewer_feedback_case", "GROOMING", 60)).field("/id");
        TestUser viewer = user(other, Role.VIEWER, false);
        signIn(viewer);
        open("/console/signals/" + id);
        assertThat(text(By.id("quality-score"))).isEqualTo("60");
        assertThat(present(By.id("section-feedback"))).isFalse();
        assertThat(present(By.id("section-disputes"))).isFalse();
        assertThat(present(By.linkText("My impact"))).isTrue();

        // a hand-made POST with the page's CSRF token is refused by the feedback service
        Object status = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const headers = JSON.parse(document.body.getAttribute('hx-headers'));
                headers['Content-Type'] = 'application/x-www-form-urlencoded';
                headers['HX-Request'] = 'true';
                fetch('/console/signals/%s/feedback', {method: 'POST', headers: headers,
                    body: 'outcome=NOT_FOUND&human_reviewed=true'}).then(r => done(r.status));""".formatted(id));
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(feedbackRows(id)).isZero();
    }

    private int feedbackRows(String signalId) {
        return jdbc.sql("SELECT COUNT(*) FROM signal_feedback WHERE signal_id = ?").param(UUID.fromString(signalId))
                .query(Integer.class).single();
    }

    private int openDisputes(String signalId) {
        return jdbc.sql("SELECT COUNT(*) FROM signal_dispute WHERE signal_id = ? AND status = 'OPEN'")
                .param(UUID.fromString(signalId)).query(Integer.class).single();
    }
}
