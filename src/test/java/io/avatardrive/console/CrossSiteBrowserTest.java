package io.avatardrive.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.sun.net.httpserver.HttpServer;
import io.avatardrive.support.RunningApp;
import org.apache.camel.test.AvailablePortFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A web page of another site, open in the operator's real Chromium, tries to make the avatar speak: a no-cors fetch
 * and a plain form to the console's upload and to the live ingress, and a WebSocket to the live ingress. None of them
 * drives anything, without a login and with the browser holding the operator's Basic credentials.
 */
class CrossSiteBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TASK = "cross-site";

    @TempDir
    Path data;

    @Test
    void aPageOfAnotherSiteMakesNoDriveWithoutALogin() throws Exception {
        attack(List.of(), null);
    }

    @Test
    void aPageOfAnotherSiteMakesNoDriveWhileTheBrowserHoldsTheOperatorsLogin() throws Exception {
        attack(List.of("-Dmanagement.username=ops", "-Dmanagement.password=console-secret", "-Dingress.username=tts",
                "-Dingress.password=ingress-secret"), new String[] {"ops:console-secret", "tts:ingress-secret"});
    }

    private void attack(List<String> login, String[] credentials) throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
        int management = AvailablePortFinder.getNextAvailable();
        int ingress = AvailablePortFinder.getNextAvailable();
        List<String> settings = new ArrayList<>(List.of("-Dmanagement.port=" + management, "-Dingress.port=" + ingress));
        settings.addAll(login);
        HttpServer otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otherSite.createContext("/", exchange -> {
            byte[] page = attackPage(management, ingress).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherSite.start();
        WebDriver browser = null;
        try (RunningApp app = RunningApp.start(data, settings)) {
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), new ChromeOptions().setBinary(CHROMIUM.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                            "--disable-background-networking"));
            if (credentials != null) {
                // the operator logged in to the console and the ingress: the browser now holds both logins
                browser.get("http://" + credentials[0] + "@127.0.0.1:" + management + "/console");
                browser.get("http://" + credentials[1] + "@127.0.0.1:" + ingress + "/tasks/" + TASK + "/speak");
            }
            browser.get("http://127.0.0.1:" + otherSite.getAddress().getPort() + "/");
            WebDriver page = browser;
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(page.getTitle()));
            String results = String.valueOf(((JavascriptExecutor) page).executeScript("return window.results.join('\\n')"));
            String output = app.output();
            assertFalse(results.contains("ws-report"), results);
            assertFalse(results.contains("ws-close 1000"), results);
            assertEquals(List.of(), inbox(), "the page dropped a clip into the inbox");
            assertFalse(output.contains("on task " + TASK), output);
            assertTrue(output.contains("Refused POST /console/speak"), output);
            assertTrue(output.contains("Refused POST /tasks/" + TASK + "/speak"), output);
            assertTrue(output.contains("Refused GET /tasks/" + TASK + "/speak"), output);
        } finally {
            if (browser != null) {
                browser.quit();
            }
            otherSite.stop(0);
        }
    }

    private List<String> inbox() throws IOException {
        Path folder = data.resolve("inbox").resolve(TASK);
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    /** The other site's page: every way a page can send a request without the target's consent. */
    private static String attackPage(int management, int ingress) {
        String console = "http://127.0.0.1:" + management + "/console/speak?task=" + TASK;
        String live = "http://127.0.0.1:" + ingress + "/tasks/" + TASK + "/speak";
        return """
                <!doctype html><html><head><title>attacking</title></head><body>
                <iframe name="f1"></iframe><iframe name="f2"></iframe>
                <form id="form1" method="post" enctype="text/plain" target="f1" action="CONSOLE&name=form.txt">
                  <input name="hello" value="world"></form>
                <form id="form2" method="post" enctype="text/plain" target="f2" action="LIVE">
                  <input name="hello" value="world"></form>
                <script>
                window.results = [];
                function wav() {
                  const pcm = new Uint8Array(3200), b = new ArrayBuffer(44 + pcm.length), v = new DataView(b);
                  const s = (o, t) => [...t].forEach((c, i) => v.setUint8(o + i, c.charCodeAt(0)));
                  s(0, "RIFF"); v.setUint32(4, 36 + pcm.length, true); s(8, "WAVEfmt "); v.setUint32(16, 16, true);
                  v.setUint16(20, 1, true); v.setUint16(22, 1, true); v.setUint32(24, 16000, true);
                  v.setUint32(28, 32000, true); v.setUint16(32, 2, true); v.setUint16(34, 16, true); s(36, "data");
                  v.setUint32(40, pcm.length, true);
                  return b;
                }
                async function tryFetch(label, url, type) {
                  try {
                    await fetch(url, { method: "POST", mode: "no-cors", body: wav(), headers: { "Content-Type": type } });
                    results.push(label + " sent");
                  } catch (e) { results.push(label + " failed"); }
                }
                function submitted(form, frame) {
                  return new Promise(done => {
                    document.getElementsByName(frame)[0].onload = () => done(results.push(form + " submitted"));
                    document.getElementById(form).submit();
                  });
                }
                function socket() {
                  return new Promise(done => {
                    const ws = new WebSocket("WS?rate=16000");
                    ws.onopen = () => { ws.send(new Uint8Array(3200)); ws.send('{"action":"end"}'); };
                    ws.onmessage = m => results.push("ws-report " + m.data);
                    ws.onclose = e => done(results.push("ws-close " + e.code));
                  });
                }
                (async () => {
                  await tryFetch("console fetch", "CONSOLE&name=fetch.wav", "text/plain");
                  await tryFetch("live fetch", "LIVE", "text/plain");
                  await submitted("form1", "f1");
                  await submitted("form2", "f2");
                  await socket();
                  document.title = "done";
                })();
                </script></body></html>
                """.replace("CONSOLE", console).replace("WS", live.replace("http:", "ws:")).replace("LIVE", live);
    }
}
