package io.avatardrive.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.avatardrive.support.RunningApp;
import io.avatardrive.support.TestClips;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An operator uses /console in a real Chromium: a clip dropped into the inbox appears with a rising progress bar and a
 * pacing plot, a bad clip's reason is on the page, and a clip uploaded through the page is spoken.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path data;

    @Test
    void anOperatorSeesDrivesProgressAndFailuresLiveAndSpeaksAClipFromThePage() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        int management = AvailablePortFinder.getNextAvailable();
        WebDriver browser = null;
        try (RunningApp app = RunningApp.start(data,
                List.of("-Dmanagement.port=" + management, "-Ddrive.lead-ms=300"))) {
            ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                            "--window-size=1400,900");
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            WebDriver page = browser;
            page.get("http://127.0.0.1:" + management + "/console");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> page.findElement(By.id("feed")).getText().equals("live"));

            // a clip dropped into the inbox: its progress bar rises and its pacing is plotted
            Path task = Files.createDirectories(data.resolve("inbox/console-task"));
            Path staged = Files.write(data.resolve("long.wav"), TestClips.wav16(16000, TestClips.pcm16(16000, 4.0)));
            Files.move(staged, task.resolve("long.wav"));
            int first = awaitProgress(page, 1);
            int later = awaitProgress(page, first + 10);
            assertTrue(later > first, "the progress bar rises: " + first + " then " + later);
            await().atMost(Duration.ofSeconds(5)).ignoreException(StaleElementReferenceException.class)
                    .until(() -> !page.findElements(By.cssSelector("#drives svg.plot path")).isEmpty());
            Files.createDirectories(Path.of("target"));
            Files.write(Path.of("target/console.png"), ((TakesScreenshot) page).getScreenshotAs(OutputType.BYTES));

            // a bad clip: its reason is on the page
            Files.write(task.resolve("notes.wav.part"), "this is not audio".getBytes());
            Files.move(task.resolve("notes.wav.part"), task.resolve("notes.wav"));
            await().atMost(Duration.ofSeconds(20)).until(() -> page.findElement(By.id("recent")).getText()
                    .contains("console-task/notes.wav"));
            String recent = page.findElement(By.id("recent")).getText();
            assertTrue(recent.contains("failed") && recent.contains("decode"), recent);

            // a clip uploaded through the file input and the Speak button
            Path upload = Files.write(data.resolve("uploaded.wav"),
                    TestClips.wav16(16000, TestClips.pcm16(16000, 0.5)));
            WebElement task2 = page.findElement(By.id("task"));
            task2.clear();
            task2.sendKeys("console-upload");
            page.findElement(By.id("clip")).sendKeys(upload.toString());
            page.findElement(By.xpath("//button[text()='Speak']")).click();
            await().atMost(Duration.ofSeconds(30)).until(() -> page.findElement(By.id("recent")).getText()
                    .matches("(?s).*driven console-upload console-upload/uploaded\\.wav.*"));
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }

    /** Waits until a drive's progress bar shows at least {@code atLeast} percent; returns what it shows. */
    private static int awaitProgress(WebDriver page, int atLeast) {
        int[] seen = new int[1];
        // the page redraws the table four times a second: an element read just as it is replaced is read again
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .ignoreException(StaleElementReferenceException.class).until(() -> {
            List<WebElement> bars = page.findElements(By.cssSelector("[role=progressbar]"));
            if (bars.isEmpty()) {
                return false;
            }
            seen[0] = Integer.parseInt(bars.get(0).getAttribute("aria-valuenow"));
            return seen[0] >= atLeast;
        });
        return seen[0];
    }
}
