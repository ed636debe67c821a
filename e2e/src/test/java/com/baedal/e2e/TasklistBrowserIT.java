package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A store owner works in Camunda Tasklist through the gateway: logs in, opens the accept task of a paid order,
 * claims it, answers the form, and the order becomes ACCEPTED in the read-model. Headless Debian Chromium;
 * .ci/run installs chromium and chromium-driver. The form's screenshot is kept in e2e/target/e2e/.
 */
class TasklistBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private final Apps apps = new Apps();
    private WebDriver browser;

    @BeforeEach
    void openBrowser() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,2000");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void ownerAcceptsAPaidOrderInTasklist() throws Exception {
        String customer = apps.customer();
        String orderId = apps.place(customer, "tok_visa");
        apps.awaitStatus(orderId, customer, "PAID");
        String orderNumber = orderId.substring(0, 8).toUpperCase();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));

        browser.get(Platform.get().gateway().resolve("/camunda/app/tasklist/default/").toString());
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("input[ng-model='username']")))
                .sendKeys("owner-" + Apps.STORE);
        browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type='submit']")).click();

        // the shared filter lists the order's task, named with its number
        WebElement task = wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//a[contains(normalize-space(.), '" + orderNumber + "')]")));
        task.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[normalize-space(text())='Claim']"))).click();
        // Tasklist reloads the task and its form once the claim is through; answering before that answers a form
        // that is about to be replaced (and whose Complete button is still disabled)
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//*[normalize-space(text())='Claim']")));
        WebElement acceptLabel = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[contains(normalize-space(.), 'Accept the order')]")));
        click(browser.findElement(By.id(acceptLabel.getAttribute("for"))));
        Path screenshot = Path.of(System.getProperty("baedal.e2e.work", "target/e2e"))
                .resolve("tasklist-accept-form.png");
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        click(wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//button[normalize-space(.)='Complete']"))));

        apps.awaitStatus(orderId, customer, "ACCEPTED");
        assertThat(screenshot).isNotEmptyFile();
    }

    /**
     * Clicks through the DOM: Tasklist's fixed footer overlaps the bottom of a long form, which makes a pointer click
     * land on the footer in a headless window.
     */
    private void click(WebElement element) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView({block: 'center'});"
                + " arguments[0].click();", element);
    }
}
