package io.touchpulse.http;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The live page in a real browser (headless Chromium): the DOM fills with the snapshot's data, a change on the
 * server appears without a reload (the SSE stream works end to end), customer text is shown as text, the customer
 * drawer loads, and the REST polling fallback renders the same page. Saves target/live-page.png (and
 * live-page-customer.png) for a human to look at. Skips where Debian's chromium and chromium-driver are not installed
 * (.ci/run installs them). Nothing is downloaded: the driver path is given, so Selenium Manager never runs, and the
 * browser resolves every host name but 127.0.0.1 to nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LivePageBrowserTest {
    static final String DRIVER = System.getProperty("touchpulse.chromedriver", "/usr/bin/chromedriver");
    static final String BROWSER = System.getProperty("touchpulse.chromium", "/usr/bin/chromium");
    static final Path SHOTS = Path.of("target");

    static LivePageFixture fixture;
    static HttpApi api;
    static ChromeDriver browser;
    static WebDriverWait wait;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(Path.of(DRIVER)) && Files.isExecutable(Path.of(BROWSER)),
                "live page browser test skipped: needs " + DRIVER + " and " + BROWSER + " (apt-get install chromium chromium-driver)");
        fixture = new LivePageFixture();
        api = HttpApi.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), null,
                QuerySources.local(fixture, fixture), Duration.ofMillis(300));
        System.setProperty("webdriver.chrome.driver", DRIVER);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(BROWSER).addArguments("--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--disable-default-apps", "--disable-extensions", "--window-size=1600,1100",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (api != null) {
            api.close();
        }
    }

    String url(String path) {
        return "http://127.0.0.1:" + api.port() + path;
    }

    int count(String css) {
        return browser.findElements(By.cssSelector(css)).size();
    }

    Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @Test
    @Order(1)
    void fillsWithLiveDataAndUpdatesWithoutReload() throws Exception {
        browser.get(url("/"));
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-mode", "live"));
        int cells = fixture.health().size();
        wait.until(d -> count("td.cell") == cells);

        for (var h : fixture.health()) {
            assertThat(count("td.cell[data-key='" + h.getSegment() + "|" + h.getTouchpoint() + "']")).as(h.getSegment() + "|" + h.getTouchpoint()).isEqualTo(1);
        }
        assertThat(count("td.none")).as("new customers have no call-centre window").isEqualTo(1);
        assertThat(count("td.alerting")).isEqualTo(2);
        assertThat(browser.findElement(By.id("state")).getText()).isEqualTo("RUNNING");
        assertThat(count(".item.alert")).as("firing alerts only").isEqualTo(2);
        assertThat(count("#customers tr.customer")).isEqualTo(LivePageInsights.CUSTOMERS);
        assertThat(count(".item.issue")).isEqualTo(LivePageInsights.ISSUES);
        assertThat(count(".item.idea")).isEqualTo(LivePageInsights.IDEAS);
        assertThat(count("#trends tr.trend")).isEqualTo(LivePageInsights.TRENDS);
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("observed 31.0% vs expected 6.0%", "charged twice");

        // customer-written HTML is shown as text, never run
        assertThat(browser.findElement(By.id("cell-detail")).getText()).contains("premium", "billing", LivePageFixture.HOSTILE);
        assertThat(js("return window.__xss === undefined")).isEqualTo(true);

        js("window.__sameDocument = true");
        fixture.advance();
        wait.until(d -> count(".item.alert[data-fingerprint='" + LivePageFixture.NEW_ALERT + "']") == 1
                && count(".item.issue[data-id='" + LivePageFixture.NEW_ISSUE + "']") == 1);
        assertThat(js("return window.__sameDocument === true")).as("updated without a reload").isEqualTo(true);
        assertThat(browser.findElement(By.id("k-alerts")).getText()).isEqualTo("3");

        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(".item.issue[data-id='" + LivePageFixture.NEW_ISSUE + "'] button.link:not(.mono)")).click();
            return true;
        });
        wait.until(d -> count(".item.issue[data-id='" + LivePageFixture.NEW_ISSUE + "'] ul.evidence li") == 3);
        js("window.scrollTo(0, 0); document.querySelectorAll('.body').forEach(b => b.scrollTop = 0)");
        Files.createDirectories(SHOTS);
        Files.write(SHOTS.resolve("live-page.png"), browser.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(2)
    void customerDrawerShowsTheJourney() throws Exception {
        // the page may re-render a list between finding a row and clicking it
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#customers tr.customer[data-id='c-1001']")).click();
            return true;
        });
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("drawer"), "fee-waiver"));
        String drawer = browser.findElement(By.id("drawer")).getText();
        assertThat(drawer).contains("c-1001", "broken promise", "fee waiver promised 3 days ago, late fee billed", "phone", "case-c-1001");
        Files.write(SHOTS.resolve("live-page-customer.png"), browser.getScreenshotAs(OutputType.BYTES));
        new Actions(browser).sendKeys(Keys.ESCAPE).perform();
        wait.until(d -> !browser.findElement(By.id("drawer")).getAttribute("class").contains("open"));
    }

    @Test
    @Order(3)
    void pollingFallbackRendersTheSamePageFromTheRestApi() {
        browser.get(url("/?transport=poll"));
        wait.until(ExpectedConditions.attributeToBe(By.id("conn"), "data-mode", "polling"));
        wait.until(d -> count("td.cell") == fixture.health().size());
        assertThat(count(".item.alert")).isEqualTo(3);
        assertThat(count(".item.issue")).isEqualTo(LivePageInsights.ISSUES + 1);
        assertThat(count("#customers tr.customer")).isEqualTo(LivePageInsights.CUSTOMERS);
        assertThat(count(".item.idea")).isEqualTo(LivePageInsights.IDEAS);
        assertThat(count("#trends tr.trend")).isEqualTo(LivePageInsights.TRENDS);
    }
}
