package dev.gatehouse.server.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.sun.net.httpserver.HttpServer;
import dev.gatehouse.server.testing.OAuthFixture;
import dev.gatehouse.server.testing.UserAgent;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hosted pages in a real headless Chromium (Debian's package, driven by Playwright): one
 * browser for the class, a fresh context (no cookies) per test. The client is a tiny local page
 * that shows what it received (GET query or POST form).
 */
class HostedPagesBrowserTest {
  static OAuthFixture f;
  static Playwright playwright;
  static Browser browser;
  static HttpServer app;
  static String cb;
  BrowserContext context;
  Page page;
  final List<String> console = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    app.createContext("/cb", exchange -> {
      String received = "POST".equals(exchange.getRequestMethod())
          ? new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
          : exchange.getRequestURI().getRawQuery();
      byte[] body = ("<!doctype html><html lang=\"en\"><title>client</title><p id=\"method\">"
          + exchange.getRequestMethod() + "</p><p id=\"received\">" + Html.escape(received) + "</p></html>")
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    app.start();
    cb = "http://127.0.0.1:" + app.getAddress().getPort() + "/cb";
    f = new OAuthFixture();
    f.publicClient("app", List.of(cb), true);
    f.publicClient("third", List.of(cb), false);
    f.user("alice");
    f.user("carol");
    playwright = Playwright.create();
    browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
        .setExecutablePath(Paths.get("/usr/bin/chromium"))
        .setHeadless(true)
        .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync")));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
    f.close();
    app.stop(0);
  }

  @BeforeEach
  void newContext() {
    context = browser.newContext();
    page = context.newPage();
    page.onConsoleMessage(m -> console.add(m.type() + ": " + m.text()));
  }

  @AfterEach
  void closeContext() {
    context.close();
  }

  private Response openAuthorize(Map<String, String> request) {
    return page.navigate(f.node.uri("/authorize?" + UserAgent.form(request)).toString());
  }

  private Map<String, String> received() {
    page.waitForURL(Pattern.compile(Pattern.quote(cb) + ".*"));
    String raw = page.locator("#received").textContent();
    return UserAgent.responseParameters("http://x/?" + raw, false);
  }

  private void assertNoCspViolations() {
    assertThat(console).noneMatch(m -> m.contains("Content Security Policy") || m.contains("Refused to"));
  }

  @Test
  void loginPageRendersAccessiblyUnderItsOwnCsp() {
    Response response = openAuthorize(OAuthFixture.request("app", cb));
    assertThat(response.status()).isEqualTo(200);
    String csp = response.headers().get("content-security-policy");
    assertThat(csp).contains("default-src 'none'").contains("style-src 'sha256-").contains("frame-ancestors 'none'")
        .contains("form-action 'self' http://127.0.0.1:" + app.getAddress().getPort()).doesNotContain("unsafe");
    assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
    assertThat(page.getByLabel("Username").isVisible()).isTrue();
    assertThat(page.getByLabel("Password").isVisible()).isTrue();
    assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).isVisible()).isTrue();
    // The stylesheet applied (allowed by its hash): the button is styled, not the UA default.
    assertThat(page.locator("button").evaluate("b => getComputedStyle(b).minHeight")).isEqualTo("44px");
    assertNoCspViolations();
  }

  @Test
  void keyboardOnlyLoginReturnsCodeStateAndIssToTheClient() {
    Map<String, String> request = OAuthFixture.request("app", cb);
    openAuthorize(request);
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("username");
    page.keyboard().type("alice");
    page.keyboard().press("Tab");
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("password");
    page.keyboard().type(OAuthFixture.PASSWORD);
    page.keyboard().press("Enter");
    Map<String, String> params = received();
    assertThat(page.locator("#method").textContent()).isEqualTo("GET");
    assertThat(params).containsKey("code").containsEntry("state", request.get("state"))
        .containsEntry("iss", f.issuer());
    assertNoCspViolations();
  }

  @Test
  void wrongPasswordShowsAnAccessibleErrorLinkedToTheFields() {
    openAuthorize(OAuthFixture.request("app", cb));
    page.getByLabel("Username").fill("alice");
    page.getByLabel("Password").fill("not the password");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    assertThat(page.getByRole(AriaRole.ALERT).textContent()).isEqualTo("Wrong username or password.");
    assertThat(page.getByLabel("Username").getAttribute("aria-describedby")).isEqualTo("login-error");
    assertThat(page.getByLabel("Password").getAttribute("aria-describedby")).isEqualTo("login-error");
    assertThat(page.getByLabel("Username").inputValue()).isEqualTo("alice");
    assertThat(page.evaluate("document.activeElement.id")).isEqualTo("password");
    assertNoCspViolations();
  }

  @Test
  void consentDenyReturnsAccessDeniedThenGrantReturnsACode() {
    Map<String, String> request = OAuthFixture.request("third", cb);
    openAuthorize(request);
    page.getByLabel("Username").fill("carol");
    page.getByLabel("Password").fill(OAuthFixture.PASSWORD);
    page.getByLabel("Password").press("Enter");
    assertThat(page.locator("h1").textContent()).contains("Allow App third");
    assertThat(page.locator("li").allTextContents()).contains("See your name and basic profile");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Deny")).click();
    assertThat(received()).containsEntry("error", "access_denied").containsEntry("state", request.get("state"))
        .containsEntry("iss", f.issuer());

    openAuthorize(OAuthFixture.request("third", cb));
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Allow")).click();
    assertThat(received()).containsKey("code");
    assertNoCspViolations();
  }

  @Test
  void secondAuthorizationInTheSameBrowserSkipsLogin() {
    openAuthorize(OAuthFixture.request("app", cb));
    page.getByLabel("Username").fill("alice");
    page.getByLabel("Password").fill(OAuthFixture.PASSWORD);
    page.getByLabel("Password").press("Enter");
    received();
    assertThat(context.cookies()).anySatisfy(c -> {
      assertThat(c.name).isEqualTo("gh_session");
      assertThat(c.httpOnly).isTrue();
      assertThat(c.sameSite.toString()).isEqualToIgnoringCase("lax");
    });
    openAuthorize(OAuthFixture.request("app", cb));
    assertThat(received()).containsKey("code");
  }

  @Test
  void formPostAutoSubmitsToTheClient() {
    Map<String, String> request = OAuthFixture.request("app", cb);
    request.put("response_mode", "form_post");
    openAuthorize(request);
    page.getByLabel("Username").fill("alice");
    page.getByLabel("Password").fill(OAuthFixture.PASSWORD);
    page.getByLabel("Password").press("Enter");
    Map<String, String> params = received();
    assertThat(page.locator("#method").textContent()).isEqualTo("POST");
    assertThat(params).containsKey("code").containsEntry("state", request.get("state"))
        .containsEntry("iss", f.issuer());
    assertNoCspViolations();
  }

  @Test
  void loginPageFitsAPhoneScreen() throws IOException {
    BrowserContext phone = browser.newContext(new Browser.NewContextOptions().setViewportSize(375, 667)
        .setDeviceScaleFactor(2).setIsMobile(true).setHasTouch(true));
    try {
      Page p = phone.newPage();
      p.navigate(f.node.uri("/authorize?" + UserAgent.form(OAuthFixture.request("app", cb))).toString());
      assertThat((Integer) p.evaluate("document.documentElement.scrollWidth")).isLessThanOrEqualTo(375);
      assertThat(p.getByLabel("Password").boundingBox().width).isGreaterThan(250);
      Path shot = Paths.get("target", "screenshots", "login-phone.png");
      Files.createDirectories(shot.getParent());
      p.screenshot(new Page.ScreenshotOptions().setPath(shot).setFullPage(true));
      assertThat(Files.size(shot)).isGreaterThan(1000);
    } finally {
      phone.close();
    }
  }
}
