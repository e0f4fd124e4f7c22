package dev.gureum.server.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Debian's headless Chromium driven through its chromedriver, never a downloaded browser. Where
 * {@code /usr/bin/chromium} is missing the tests are skipped, unless {@code GUREUM_REQUIRE_BROWSER} is set
 * (as the CI script sets it), where they fail.
 */
final class Browser implements ConsolePage {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    final WebDriver driver;
    private final List<String> errors = new java.util.ArrayList<>();

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser open(int width, int height) {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("GUREUM_REQUIRE_BROWSER") != null) {
            throw new IllegalStateException("The console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, "The console's browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver); skipped");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=" + width + "," + height, "--hide-scrollbars");
        // the page's console messages and errors, for errors()
        org.openqa.selenium.logging.LoggingPreferences logs = new org.openqa.selenium.logging.LoggingPreferences();
        logs.enable(org.openqa.selenium.logging.LogType.BROWSER, java.util.logging.Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    @Override
    public String name() {
        return "Chromium " + ((org.openqa.selenium.HasCapabilities) driver).getCapabilities().getBrowserVersion();
    }

    @Override
    public void go(String url) {
        driver.get(url);
    }

    <T> T waitFor(ExpectedCondition<T> condition) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(20)).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            // what the page showed, to tell why
            throw new AssertionError("Waited in vain; the page showed: " + script(
                    "const s = document.querySelector('main section:not([hidden])');"
                    + "return document.getElementById('error').textContent + ' | ' + (s ? s.innerText.slice(0, 2000) : '')"), e);
        }
    }

    WebElement find(String css) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            try {
                return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    /** Waits until the element's text is {@code text}, read again as the page redraws it. */
    @Override
    public void waitForText(String css, String text) {
        waitFor(d -> {
            List<WebElement> found = d.findElements(By.cssSelector(css));
            try {
                return !found.isEmpty() && found.get(0).getText().trim().equals(text);
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    /** The element's text, read again if the page redrew it meanwhile. */
    @Override
    public String text(String css) {
        return read(css, WebElement::getText);
    }

    @Override
    public String attribute(String css, String name) {
        return read(css, e -> e.getAttribute(name));
    }

    @Override
    public String cssValue(String css, String property) {
        return read(css, e -> e.getCssValue(property));
    }

    private String read(String css, java.util.function.Function<WebElement, String> what) {
        return waitFor(d -> {
            try {
                return what.apply(find(css));
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return null;
            }
        });
    }

    @Override
    public void waitUntilGone(String css) {
        waitFor(d -> d.findElements(By.cssSelector(css)).isEmpty());
    }

    @Override
    public Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    @Override
    public void click(String css) {
        waitFor(d -> {
            try {
                find(css).click();
                return true;
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                return false;
            }
        });
    }

    @Override
    public void acceptConfirm() {
        waitFor(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
    }

    /**
     * Saves a screenshot as {@code <name>.png} in {@code target/console-screenshots}, or in the directory the system
     * property {@code gureum.console.screenshots} names ({@code -Dgureum.console.screenshots=../docs/console} renews
     * the documentation's pictures).
     */
    void screenshot(String name) {
        Path target = Path.of(System.getProperty("gureum.console.screenshots", "target/console-screenshots"));
        try {
            Path dir = Files.createDirectories(target);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), dir.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void press(String css, String... keys) {
        // Selenium holds the modifier keys among them until the end
        find(css).sendKeys(String.join("", keys));
    }

    @Override
    public byte[] png() {
        return ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
    }

    /**
     * The page's errors: Chromium's console messages of level SEVERE (JavaScript errors, console.error, and the
     * page's requests that failed).
     */
    @Override
    public List<String> errors() {
        for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)) {
            // the icon the browser asks for on its own is not the page's
            if (entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue()
                    && !entry.getMessage().contains("/favicon.ico - Failed to load resource")) {
                errors.add(entry.getMessage());
            }
        }
        return List.copyOf(errors);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
