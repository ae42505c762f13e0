package dev.cairn.server.console;

import dev.cairn.server.auth.Caller;
import dev.cairn.server.support.ApiTestBase;
import dev.cairn.server.user.Role;
import dev.cairn.server.user.Totp;
import dev.cairn.server.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Browser tests of the console: headless Chromium driven by the system's chromedriver, against the same server as the
 * API suite. Skipped, with a message, where chromedriver is not installed (CI installs it).
 */
abstract class BrowserTestBase extends ApiTestBase {
    static final Path CHROMEDRIVER = Path.of(System.getProperty("cairn.chromedriver", "/usr/bin/chromedriver"));
    static final Path CHROMIUM = Path.of(System.getProperty("cairn.chromium", "/usr/bin/chromium"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /** Passes the password policy; test users are made per test, so nothing is shared between tests. */
    static final String PASSWORD = "quiet-harbour-lantern-42";

    static WebDriver driver;
    static Path profile;

    @Autowired
    UserService users;

    /** On failure, keeps what the browser showed: a screenshot and the page source, next to the others. */
    @RegisterExtension
    final TestWatcher evidence = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (driver != null) {
                String name = "FAILED-" + context.getRequiredTestMethod().getName();
                screenshot(name);
                try {
                    Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    };

    @BeforeAll
    static void startBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "Browser tests skipped: " + CHROMEDRIVER + " or " + CHROMIUM
                        + " is missing (apt-get install chromium chromium-driver)");
        profile = Files.createTempDirectory("cairn-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
            driver = null;
        }
    }

    @BeforeEach
    void signedOut() {
        driver.get(url("/console/login"));
        driver.manage().deleteAllCookies();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** A console user with a known password and, when {@code totp}, a known TOTP secret. */
    record TestUser(String username, String password, String secret) {
    }

    TestUser user(Member m, Role role, boolean totp) {
        String username = (m.slug() + "-" + role.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        username = username.length() > 64 ? username.substring(0, 64) : username;
        String secret = totp ? Totp.newSecret() : null;
        users.provision(m.id(), username, role.label() + " of " + m.slug(), role, PASSWORD, secret);
        return new TestUser(username, PASSWORD, secret);
    }

    static Caller adminCaller(Member m) {
        return new Caller(m.id(), m.slug(), false, null, Set.of(dev.cairn.server.auth.Scope.values()), null);
    }

    void open(String path) {
        driver.get(url(path));
    }

    void passwordStep(String username, String password) {
        open("/console/login");
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit].primary")).click();
    }

    /** Signs in through every step; a TOTP code is taken for the step after the last one used, never replayed. */
    void signIn(TestUser u) {
        passwordStep(u.username(), u.password());
        if (u.secret() != null) {
            waitFor(By.id("code"));
            driver.findElement(By.id("code")).sendKeys(Totp.code(u.secret(), Instant.now().getEpochSecond()));
            driver.findElement(By.cssSelector("button[type=submit].primary")).click();
        }
        waitFor(By.cssSelector("nav[aria-label=Main]"));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String text(By by) {
        return driver.findElement(by).getText();
    }

    boolean present(By by) {
        return !driver.findElements(by).isEmpty();
    }

    void screenshot(String name) {
        try {
            Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
