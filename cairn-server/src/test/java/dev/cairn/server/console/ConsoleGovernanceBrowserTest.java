package dev.cairn.server.console;

import dev.cairn.server.audit.AuditEvent;
import dev.cairn.server.audit.AuditLog;
import dev.cairn.server.sharing.SharingGroups;
import dev.cairn.server.user.Role;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The governance pages: sharing groups (operator), the audit viewer (admins) and choosing who sees a signal. */
class ConsoleGovernanceBrowserTest extends BrowserTestBase {
    @Autowired
    SharingGroups groups;
    @Autowired
    AuditLog audit;

    @Test
    void theOperatorCreatesASharingGroupAndRemovesAMember() {
        Member alpha = newMember("alpha");
        Member beta = newMember("beta");
        signIn(operatorAdmin());
        open("/console/operator/sharing-groups");
        String name = "Console group " + System.nanoTime() % 100000;
        driver.findElement(By.id("g-name")).sendKeys(name);
        driver.findElement(By.id("g-description")).sendKeys("Made by a browser test");
        driver.findElement(By.cssSelector("input[name=members][value='" + alpha.id() + "']")).click();
        driver.findElement(By.cssSelector("input[name=members][value='" + beta.id() + "']")).click();
        driver.findElement(By.cssSelector("#create-group button[type=submit]")).click();
        waitForText(By.cssSelector(".notice.success"), name + " created with 2 members");
        SharingGroups.Group g = group(name);
        assertThat(g.members()).containsExactlyInAnyOrder(alpha.id(), beta.id());
        String alphaName = participants.find(alpha.id()).orElseThrow().name();
        assertThat(groupRow(name).getText()).contains(alphaName).contains("beta (test)");
        screenshot("30-sharing-groups");

        groupRow(name).findElement(By.cssSelector("button[aria-label='Remove " + alphaName + " from " + name + "']")).click();
        waitForText(By.cssSelector(".notice.success"), "no longer a member of " + name);
        assertThat(group(name).members()).containsExactly(beta.id());

        // adding back through the row's labelled select
        new Select(groupRow(name).findElement(By.tagName("select"))).selectByValue(alpha.id().toString());
        groupRow(name).findElement(By.cssSelector("button[aria-label='Add to " + name + "']")).click();
        waitForText(By.cssSelector(".notice.success"), "now a member of " + name);
        assertThat(group(name).members()).containsExactlyInAnyOrder(alpha.id(), beta.id());

        // a duplicate name is a 422 with the error on the name field
        driver.findElement(By.id("g-name")).sendKeys(name);
        assertThat(postForm("create-group")).isEqualTo(422);
        driver.findElement(By.cssSelector("#create-group button[type=submit]")).click();
        waitForText(By.id("err-name"), "already the name of another sharing group");
        assertThat(driver.findElement(By.id("g-name")).getAttribute("value")).isEqualTo(name);

        // the operator's audit view can narrow to one participant: its own, where the creation was recorded
        open("/console/audit");
        String operatorSlug = participants.findOperator().orElseThrow().slug();
        new Select(driver.findElement(By.id("a-participant"))).selectByValue(operatorSlug);
        driver.findElement(By.id("a-action")).sendKeys("POST /console/operator/sharing-groups");
        driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        waitFor(By.id("records"));
        assertThat(text(By.id("records"))).contains("POST /console/operator/sharing-groups").contains("Rejected")
                .contains("Success");
    }

    @Test
    void onlyTheOperatorReachesSharingGroups() {
        Member m = newMember("fabrikam");
        signIn(user(m, Role.PARTICIPANT_ADMIN, true));
        assertThat(present(By.linkText("Sharing groups"))).isFalse();
        open("/console/operator/sharing-groups");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(status("/console/operator/sharing-groups")).isEqualTo(403);
    }

    @Test
    void anAdminFiltersTheAuditLogAndPagesBackAndAnAnalystIsRefused() {
        Member m = newMember("northwind");
        Member other = newMember("contoso");
        // more than a page of this participant's records, and one of another participant's that must never show
        for (int i = 0; i < AuditConsoleController.PAGE + 5; i++) {
            audit.record(new AuditEvent(AuditEvent.ActorType.API_KEY, "seed-key", m.id(), "GET /api/v1/seeded",
                    null, null, AuditEvent.Outcome.SUCCESS, "seeded " + i));
        }
        audit.record(new AuditEvent(AuditEvent.ActorType.API_KEY, "other-key", other.id(), "GET /api/v1/seeded",
                null, null, AuditEvent.Outcome.SUCCESS, "not yours"));
        // an analyst is refused the viewer (the refusal is itself recorded, for the admin to see below)
        TestUser analyst = user(m, Role.ANALYST, false);
        signIn(analyst);
        assertThat(present(By.linkText("Audit log"))).isFalse();
        open("/console/audit");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");
        assertThat(status("/console/audit")).isEqualTo(403);
        // refused by the URL rules, before any handler runs: recorded all the same
        open("/console/admin/users");
        assertThat(text(By.tagName("h1"))).isEqualTo("Not allowed");

        signedOut();
        TestUser admin = user(m, Role.PARTICIPANT_ADMIN, true);
        signIn(admin);
        open("/console/admin/users");
        driver.findElement(By.linkText("Audit log")).click();
        waitFor(By.id("records"));
        assertThat(present(By.id("a-participant"))).isFalse(); // only the operator chooses a participant
        assertThat(text(By.id("records"))).contains("GET /console/admin/users").contains(admin.username());

        new Select(driver.findElement(By.id("a-outcome"))).selectByValue("DENIED");
        driver.findElement(By.id("a-action")).sendKeys("GET /console/audit");
        driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        waitFor(By.id("records"));
        assertThat(driver.getCurrentUrl()).contains("outcome=DENIED");
        String denied = text(By.id("records"));
        assertThat(denied).contains("GET /console/audit").contains("Denied").contains(analyst.username())
                .doesNotContain("Success");
        assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(2);
        screenshot("31-audit");

        driver.findElement(By.id("a-action")).clear();
        driver.findElement(By.id("a-action")).sendKeys("GET /console/admin/users");
        driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        waitFor(By.id("records"));
        assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(1);
        assertThat(text(By.id("records"))).contains("GET /console/admin/users").contains("Denied")
                .contains(analyst.username()).contains("role");

        driver.findElement(By.id("a-action")).clear();
        driver.findElement(By.id("a-action")).sendKeys("GET /api/v1/seeded");
        new Select(driver.findElement(By.id("a-outcome"))).selectByValue("");
        driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        waitFor(By.id("records"));
        assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(AuditConsoleController.PAGE);
        assertThat(text(By.cssSelector("#records tbody tr"))).contains("seeded " + (AuditConsoleController.PAGE + 4));
        assertThat(text(By.id("records"))).doesNotContain("not yours");
        driver.findElement(By.id("older-page")).click();
        waitFor(By.id("newest-page"));
        assertThat(driver.findElements(By.cssSelector("#records tbody tr"))).hasSize(5);
        assertThat(text(By.id("records"))).contains("seeded 0").doesNotContain("not yours");
        assertThat(present(By.id("older-page"))).isFalse();

        driver.findElement(By.id("a-action")).clear();
        driver.findElement(By.id("a-action")).sendKeys("DELETE /nothing");
        driver.findElement(By.cssSelector("#audit-filters button[type=submit]")).click();
        assertThat(waitFor(By.id("no-records")).getText()).isEqualTo("No audit records match these filters.");

        open("/console/audit?from=yesterday");
        assertThat(text(By.id("audit-problems"))).contains("'From' must be a date");
    }

    @Test
    void privateAndGroupSignalsFromTheFormStayWithTheirAudience() {
        Member m = newMember("contoso");
        Member partner = newMember("northwind");
        Member outsider = newMember("fabrikam");
        String groupName = "Partners " + System.nanoTime() % 100000;
        SharingGroups.Group g = groups.create(groupName, null, List.of(m.id(), partner.id()));
        SharingGroups.Group notMine = groups.create("Not mine " + System.nanoTime() % 100000, null,
                List.of(outsider.id()));
        signIn(user(m, Role.ANALYST, false));

        fill("private.lead@example.com");
        driver.findElement(By.id("visibility-private")).click();
        driver.findElement(By.id("share")).click();
        assertThat(waitFor(By.id("signal-visibility")).getText()).isEqualTo("Only " + m.slug());
        assertThat(text(By.cssSelector(".notice.success"))).contains("Only your organisation");
        String privateId = signalId();

        fill("group.lead@example.com");
        driver.findElement(By.id("visibility-group")).click();
        driver.findElement(By.id("share")).click();
        assertThat(waitFor(By.id("err-sharing_group")).getText()).contains("is required when visibility is GROUP");
        assertThat(driver.findElement(By.id("visibility-group")).isSelected()).isTrue();
        ((JavascriptExecutor) driver).executeScript("document.getElementById('visibility-field').scrollIntoView();");
        screenshot("32-submit-visibility");

        // a group the participant is not in (a hand-edited option) is refused by the same check as the API's
        ((JavascriptExecutor) driver).executeScript(
                "document.querySelector('#sharing_group option[value=\"" + g.id() + "\"]').value = arguments[0];",
                notMine.id().toString());
        new Select(driver.findElement(By.id("sharing_group"))).selectByVisibleText(groupName);
        driver.findElement(By.id("share")).click();
        waitForText(By.id("err-sharing_group"), "is not a sharing group you belong to");

        new Select(driver.findElement(By.id("sharing_group"))).selectByValue(g.id().toString());
        driver.findElement(By.id("share")).click();
        assertThat(waitFor(By.id("signal-visibility")).getText()).isEqualTo("Sharing group: " + groupName);
        String groupId = signalId();

        assertThat(partner.api().get("/api/v1/signals/" + groupId).status()).isEqualTo(200);
        assertThat(partner.api().get("/api/v1/signals/" + privateId).status()).isEqualTo(404);
        assertThat(outsider.api().get("/api/v1/signals/" + groupId).status()).isEqualTo(404);

        signedOut();
        signIn(user(outsider, Role.VIEWER, false));
        for (String value : List.of("private.lead@example.com", "group.lead@example.com")) {
            open("/console/signals");
            new Select(driver.findElement(By.id("find-type"))).selectByValue("EMAIL");
            driver.findElement(By.id("find-value")).sendKeys(value);
            driver.findElement(By.cssSelector("#find-form button[type=submit]")).click();
            waitForText(By.cssSelector("main"), "No active signal matches this value");
            assertThat(present(By.id("results"))).isFalse();
        }
        open("/console/signals?owner=" + m.slug());
        assertThat(present(By.id("results"))).isFalse();
    }

    @Test
    void bulkRowsCarryVisibilityCheckedRowByRow() throws Exception {
        Member m = newMember("contoso");
        SharingGroups.Group g = groups.create("Bulk group " + System.nanoTime() % 100000, null, List.of(m.id()));
        SharingGroups.Group notMine = groups.create("Bulk other " + System.nanoTime() % 100000, null, List.of());
        signIn(user(m, Role.ANALYST, false));
        Path bad = Files.createTempFile("cairn-bulk", ".csv");
        Files.writeString(bad, """
                type,value,categories,confidence,visibility,sharing_group_id
                EMAIL,bulk.private@example.com,GROOMING,60,PRIVATE,
                EMAIL,bulk.group@example.com,GROOMING,60,GROUP,%s
                EMAIL,bulk.nogroup@example.com,GROOMING,60,GROUP,
                """.formatted(notMine.id()));
        open("/console/bulk");
        assertThat(text(By.id("bulk-groups"))).contains(g.name()).contains(g.id().toString());
        driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        driver.findElement(By.id("check-file")).click();
        assertThat(waitFor(By.id("preview-errors")).getText()).contains("2 rows have errors");
        String errors = driver.findElements(By.cssSelector("tr.row-error")).stream().map(WebElement::getText).toList()
                .toString();
        assertThat(errors).contains("sharing_group: is not a sharing group you belong to")
                .contains("sharing_group: is required when visibility is GROUP");

        Path good = Files.createTempFile("cairn-bulk", ".ndjson");
        Files.writeString(good, """
                {"type": "EMAIL", "value": "bulk.private@example.com", "categories": ["GROOMING"], "confidence": 60, "visibility": "PRIVATE"}
                {"type": "EMAIL", "value": "bulk.group@example.com", "categories": ["GROOMING"], "confidence": 60, "visibility": "GROUP", "sharing_group_id": "%s"}
                """.formatted(g.id()));
        driver.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
        driver.findElement(By.id("check-file")).click();
        assertThat(waitFor(By.id("preview-ok")).getText()).contains("All 2 rows are valid");
        assertThat(text(By.cssSelector("table.preview"))).contains("PRIVATE").contains("GROUP " + g.name());
        driver.findElement(By.id("commit")).click();
        waitForText(By.cssSelector(".notice.success"), "Shared 2 signals");
        assertThat(jdbc.sql("SELECT visibility, sharing_group_id FROM signal WHERE owner_id = ? ORDER BY visibility")
                .param(m.id()).query((rs, i) -> rs.getString(1) + ":" + rs.getString(2)).list())
                .containsExactly("GROUP:" + g.id(), "PRIVATE:null");
    }

    private TestUser operatorAdmin() {
        var operator = participants.findOperator().orElseThrow();
        String username = "operator-gov-" + System.nanoTime() % 100000;
        users.provision(operator.id(), username, "Operator admin", Role.OPERATOR_ADMIN, PASSWORD,
                dev.cairn.server.user.Totp.newSecret());
        String secret = jdbc.sql("SELECT totp_secret FROM app_user WHERE username = ?").param(username)
                .query(String.class).single();
        return new TestUser(username, PASSWORD, secret);
    }

    private SharingGroups.Group group(String name) {
        return groups.list(null, true).stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
    }

    private WebElement groupRow(String name) {
        return driver.findElement(By.xpath("//table[@id='groups']//tr[td[1][normalize-space(.)='" + name + "']]"));
    }

    private void fill(String email) {
        open("/console/submit");
        new Select(driver.findElement(By.id("type"))).selectByValue("EMAIL");
        driver.findElement(By.id("value")).sendKeys(email);
        driver.findElement(By.id("cat-GROOMING")).click();
    }

    private String signalId() {
        String url = driver.getCurrentUrl();
        return UUID.fromString(url.substring(url.lastIndexOf('/') + 1)).toString();
    }

    /** The status of a GET from the signed-in browser: the page alone does not show it. */
    private long status(String path) {
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(arguments[0], {redirect: 'manual'}).then(r => done(r.status));", path);
    }

    /** Posts a form of the page as it is filled in (with its CSRF token) and returns the status. */
    private long postForm(String formId) {
        return (Long) ((JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const f = document.getElementById(arguments[0]);"
                        + "fetch(f.action, {method: 'POST', body: new URLSearchParams(new FormData(f)),"
                        + " redirect: 'manual'}).then(r => done(r.status));", formId);
    }
}
