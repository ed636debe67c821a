package com.baedal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.baedal.contract.OrderNumber;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
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
 * A store owner and riders work one order through Camunda Tasklist, in headless Chromium through the gateway, the
 * way a shift goes: the owner finds the order by its number (one whose hex digits look like a number, the kind
 * Tasklist's search used to miss), reads it off the card, claims it once and answers accept, start cooking and finish
 * cooking one after the other; a rider takes the pick-up, a second rider cannot take it away, and the first confirms
 * the delivery. Each step shows in the API. Debian's chromium and chromium-driver (.ci/run installs them).
 * <p>
 * Screenshots of both lists and forms go to {@code e2e/target/e2e/screenshots}, or with {@code -Dbaedal.screenshots=DIR}
 * to that directory of the project: {@code ./mvnw verify -pl e2e -am -Dit.test=TasklistBrowserIT
 * -Dbaedal.screenshots=docs} renews the README's.
 */
class TasklistBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Pattern TASK_IN_URL = Pattern.compile("[?&]task=([0-9a-f-]{36})");

    private final Apps apps = new Apps();
    private WebDriver browser;
    private WebDriverWait wait;
    private Path screenshots;

    @BeforeEach
    void openBrowser() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Debian's chromium and chromium-driver are needed (.ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--lang=en-US");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .build(), options);
        // a bound, not a pause: on a quiet machine each step shows within a second; a busy one (load 35 on two
        // cores in one CI run) took longer than 30 s to re-sort the list
        wait = new WebDriverWait(browser, Duration.ofSeconds(90));
        String chosen = System.getProperty("baedal.screenshots", "");
        screenshots = chosen.isBlank()
                ? Path.of(System.getProperty("baedal.e2e.work", "target/e2e")).resolve("screenshots")
                : Path.of(System.getProperty("baedal.root", "..")).resolve(chosen); // relative: to the project
        Files.createDirectories(screenshots);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void ownerAndRidersWorkAnOrderThroughTasklist() throws Exception {
        String customer = apps.customer();
        String older = apps.place(customer, "tok_visa");
        // the older order's task exists before the next order is placed: Tasklist sorts by the task's creation, and
        // with two workers the second order's charge could finish first (its task above the older one's)
        apps.awaitStatus(older, customer, "PAID");
        // the test chooses the order id, so that its number is BD- and eight decimal digits
        String orderId = String.format(Locale.ROOT, "%08d", new SecureRandom().nextInt(100_000_000))
                + UUID.randomUUID().toString().substring(8);
        apps.place(customer, "tok_visa", orderId);
        String number = OrderNumber.of(orderId);
        String olderNumber = OrderNumber.of(older);
        assertThat(number.substring(OrderNumber.PREFIX.length())).matches("[0-9]{8}");
        List<JsonNode> menu = apps.menu(Apps.STORE);
        String items = "Items: 2 x " + menu.get(0).get("name").asText() + ", 1 x " + menu.get(1).get("name").asText();
        String total = String.format(Locale.ROOT, "Total: %,d KRW",
                2 * menu.get(0).get("price").asLong() + menu.get(1).get("price").asLong());
        apps.awaitStatus(orderId, customer, "PAID");

        // ---- the store owner ---------------------------------------------------------------------------------
        logIn("owner-" + Apps.STORE);
        waitForCard(number);
        assertThat(browser.getTitle()).isEqualTo("Baedal Tasklist");
        if ("operaton".equals(System.getProperty("baedal.engine"))) {
            // Camunda 7 CE's webapps carry an "It is time to migrate to Camunda 8" banner that cannot be switched off
            assertThat(browser.getPageSource()).doesNotContainIgnoringCase("migrate to Camunda 8");
        }
        assertThat(browser.findElement(By.cssSelector(".navbar-brand")).getText()).contains("Baedal Tasklist");
        assertThat(browser.findElements(By.xpath("//*[normalize-space(.)='Create task' or normalize-space(.)="
                + "'Start process']"))).as("actions owners have no use for").isEmpty();
        // the card says what to cook and what it costs, without expanding it
        assertThat(cardText(number)).contains("Accept or reject order \u00B7 " + number, items, total);
        assertCardNotCutOff(number);
        // oldest first, and the sort control says so; turning it turns the list
        assertThat(sortDirection()).isEqualTo("asc");
        wait.until(driver -> listedBefore(olderNumber, number));
        screenshot("tasklist-owner-list");
        click(browser.findElement(By.cssSelector("[cam-sorting-choices] .sort-direction")));
        wait.until(driver -> "desc".equals(sortDirection()) && listedBefore(number, olderNumber));
        click(browser.findElement(By.cssSelector("[cam-sorting-choices] .sort-direction")));
        wait.until(driver -> "asc".equals(sortDirection()) && listedBefore(olderNumber, number));

        // the numeric-looking order is found by its number in any case, and by its digits alone (which Tasklist's
        // search used to take for a number): free text, then the order-number column
        String typed = number.toLowerCase(Locale.ROOT);
        for (String text : List.of(typed, number.substring(OrderNumber.PREFIX.length()))) {
            WebElement search = browser.findElement(By.cssSelector("[cam-widget-search] input.main-field"));
            search.click();
            search.sendKeys(text, Keys.ENTER);
            wait.until(driver -> listed().equals(List.of("Accept or reject order \u00B7 " + number)));
            assertThat(pill().getAttribute("class")).as(text).doesNotContain("invalid");
            removeSearch();
        }
        searchOrderNumberColumn(typed);
        wait.until(driver -> listed().equals(List.of("Accept or reject order \u00B7 " + number)));
        removeSearch();

        // claimed once, the order's store steps follow one another
        openCard(number);
        claim();
        choose("Accept the order");
        screenshot("tasklist-owner-form");
        complete();
        awaitOpenTask("Start cooking \u00B7 " + number);
        assertThat(claimButtons()).as("start cooking is the owner's already").isEmpty();
        choose("Cooking has started");
        complete();
        awaitOpenTask("Finish cooking \u00B7 " + number);
        assertThat(claimButtons()).isEmpty();
        choose("The food is packed");
        complete();
        // nothing more for the store: back on the list
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.), 'Select a task in the list')]")));
        apps.awaitStatus(orderId, customer, "READY_FOR_PICKUP");

        // ---- a rider takes the pick-up ---------------------------------------------------------------------------
        logIn("rider-gangnam-1");
        waitForCard(number);
        assertThat(cardText(number)).contains("Pick up order \u00B7 " + number,
                "Pick up: Gangnam Fried Chicken, Gangnam-daero 396 (gangnam)", "Deliver to: Teheran-ro 152 (gangnam)",
                total);
        assertCardNotCutOff(number);
        screenshot("tasklist-rider-list");
        openCard(number);
        claim();
        String pickUpTask = openTaskId();

        // ---- a second rider of the region cannot take it away ---------------------------------------------------
        logIn("rider-gangnam-2");
        browser.get(tasklist() + "#/?task=" + pickUpTask);
        awaitOpenTask("Pick up order \u00B7 " + number);
        assertThat(assignee()).isEqualTo("Rider 1 Gangnam");
        assertThat(completeButton().isEnabled()).isFalse();
        click(browser.findElement(By.cssSelector(".task-card li.assignee .reset-assignee")));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.), 'Could not reset the assignee')]")));
        click(browser.findElement(By.cssSelector(".task-card li.assignee [cam-widget-inline-field] .view-value")));
        WebElement assigneeField = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".task-card li.assignee input")));
        assigneeField.sendKeys(Keys.chord(Keys.CONTROL, "a"), "rider-gangnam-2", Keys.ENTER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(normalize-space(.), 'An error happened while assigning the task')]")));
        assertThat(apps.api.post("/api/deliveries/" + orderId + "/pick", apps.rider("rider-gangnam-2", Apps.REGION),
                null).status()).as("the app's answer to the second rider").isEqualTo(409);

        // ---- the first rider finds it under "My deliveries", picks it up and lands on the delivery ---------------
        logIn("rider-gangnam-1");
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class, 'task-filter')]"
                + "//a[contains(normalize-space(.), 'My deliveries')]"))));
        waitForCard(number);
        assertThat(cardText(number)).contains("Pick up order \u00B7 " + number, "Rider 1 Gangnam", total);
        openCard(number);
        assertThat(openTaskId()).isEqualTo(pickUpTask);
        assertThat(assignee()).isEqualTo("Rider 1 Gangnam");
        choose("I have the food with me");
        screenshot("tasklist-rider-form");
        complete();
        awaitOpenTask("Confirm delivery \u00B7 " + number);
        assertThat(claimButtons()).isEmpty();
        apps.awaitStatus(orderId, customer, "PICKED_UP");
        choose("Delivered to the customer");
        complete();
        assertThat(apps.awaitStatus(orderId, customer, "DELIVERED").riderId()).isEqualTo("rider-gangnam-1");
    }

    // ---- Tasklist, as a person uses it ------------------------------------------------------------------------

    private String tasklist() {
        return Platform.get().gateway().resolve("/camunda/app/tasklist/default/").toString();
    }

    /** A fresh session (the previous user's cookies go), then Tasklist's login. */
    private void logIn(String user) {
        browser.manage().deleteAllCookies();
        browser.get(tasklist());
        WebElement name = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("input[ng-model='username']")));
        name.sendKeys(user);
        browser.findElement(By.cssSelector("input[ng-model='password']")).sendKeys("demo");
        browser.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filter")));
    }

    private By card(String number) {
        return By.xpath("//li[contains(@class, 'task')][.//a[contains(normalize-space(.), '" + number + "')]]");
    }

    private void waitForCard(String number) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(card(number)));
    }

    private String cardText(String number) {
        return browser.findElement(card(number)).getText();
    }

    /** Nothing of the card's details is hidden behind Tasklist's "show more". */
    private void assertCardNotCutOff(String number) {
        Object cut = js("var details = arguments[0].querySelector('.task-card-details');"
                + " var card = arguments[0].querySelector('.baedal-task-card');"
                + " return !card || details.scrollHeight > details.clientHeight + 1;", browser.findElement(card(number)));
        assertThat(cut).as("card of %s cut off or missing", number).isEqualTo(false);
    }

    private void openCard(String number) {
        click(wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//li[contains(@class, 'task')]"
                + "//a[contains(normalize-space(.), '" + number + "')]"))));
        awaitOpenTask(number);
    }

    /** The task names on the list, top to bottom. */
    @SuppressWarnings("unchecked")
    private List<String> listed() {
        return (List<String>) js("return Array.from(document.querySelectorAll('.tasks-list li.task'))"
                + ".map(function (task) { return task.innerText.trim().split('\\n')[0].trim(); });");
    }

    /** Both orders are on the list, the first above the second. */
    private boolean listedBefore(String first, String second) {
        List<String> names = listed();
        int above = -1;
        int below = -1;
        for (int i = 0; i < names.size(); i++) {
            if (above < 0 && names.get(i).endsWith(first)) {
                above = i;
            }
            if (below < 0 && names.get(i).endsWith(second)) {
                below = i;
            }
        }
        return above >= 0 && below >= 0 && above < below;
    }

    private String sortDirection() {
        String classes = browser.findElement(By.cssSelector("[cam-sorting-choices] .sort-direction"))
                .getAttribute("class");
        return classes.contains("glyphicon-menu-up") ? "asc" : classes.contains("glyphicon-menu-down") ? "desc" : "?";
    }

    private WebElement pill() {
        return browser.findElement(By.cssSelector("[cam-widget-search-pill] .search-label"));
    }

    private void removeSearch() {
        click(browser.findElement(By.cssSelector("[cam-widget-search-pill] .remove-search")));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("[cam-widget-search-pill]"), 0));
    }

    /** Tasklist's search by the filter's "Order number" column, as a task variable. */
    private void searchOrderNumberColumn(String value) {
        WebElement search = browser.findElement(By.cssSelector("[cam-widget-search] input.main-field"));
        search.click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@cam-widget-search]//ul[contains(@class,"
                + " 'dropdown-menu')]//li[normalize-space(.)='Task Variable']"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[@cam-widget-search-pill]//ul[contains("
                + "@class, 'dropdown-menu')]//a[contains(normalize-space(.), 'Order number')]"))).click();
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(
                "[cam-widget-search-pill] .value-field .view-value"))).click();
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[cam-widget-search-pill] .value-field input")));
        field.sendKeys(value, Keys.ENTER);
        wait.until(driver -> !pill().getAttribute("class").contains("invalid"));
    }

    private void awaitOpenTask(String name) {
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".task-card h2"), name));
    }

    private String openTaskId() {
        Matcher task = TASK_IN_URL.matcher(browser.getCurrentUrl());
        assertThat(task.find()).as(browser.getCurrentUrl()).isTrue();
        return task.group(1);
    }

    private String assignee() {
        return browser.findElement(By.cssSelector(".task-card li.assignee")).getText().trim();
    }

    private List<WebElement> claimButtons() {
        return browser.findElements(By.xpath("//button[normalize-space(text())='Claim']"));
    }

    private void claim() {
        wait.until(ExpectedConditions.elementToBeClickable(By.xpath("//button[normalize-space(text())='Claim']")))
                .click();
        // Tasklist reloads the task and its form once the claim is through; answering before that answers a form
        // that is about to be replaced (and whose Complete button is still disabled)
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//button[normalize-space(text())='Claim']")));
    }

    /** Ticks the checkbox or radio button whose label starts with that text, once the form is ready. */
    private void choose(String label) {
        WebElement labelled = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[starts-with(normalize-space(.), '" + label + "')]")));
        WebElement input = browser.findElement(By.id(labelled.getAttribute("for")));
        wait.until(driver -> input.isEnabled());
        click(input);
        wait.until(driver -> input.isSelected());
    }

    private WebElement completeButton() {
        return wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//button[normalize-space(.)='Complete']")));
    }

    private void complete() {
        WebElement complete = completeButton();
        wait.until(driver -> complete.isEnabled());
        click(complete);
    }

    private void screenshot(String name) throws Exception {
        Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Clicks through the DOM: Tasklist's fixed footer overlaps the bottom of a long form, which makes a pointer click
     * land on the footer in a headless window.
     */
    private void click(WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();", element);
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
