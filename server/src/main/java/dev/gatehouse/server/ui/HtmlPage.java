package dev.gatehouse.server.ui;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A rendered page: HTTP status, the HTML, and the page's own Content-Security-Policy. Every page
 * shares one layout: {@code lang}, a viewport for phones, one inline stylesheet allowed by its
 * hash (no {@code 'unsafe-inline'}), no scripts unless the page names a nonce.
 */
public record HtmlPage(int status, String html, String contentSecurityPolicy) {
  static final String CSS = """
      :root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.5}
      body{margin:0;padding:1rem;background:Canvas;color:CanvasText}
      main{max-width:26rem;margin:2rem auto;padding:1.5rem;border:1px solid #8886;border-radius:.75rem}
      h1{font-size:1.5rem;margin:0 0 .5rem}
      h2{font-size:1.1rem;margin:1.5rem 0 .5rem}
      label{display:block;font-weight:600;margin-top:1rem}
      input[type=text],input[type=password]{box-sizing:border-box;width:100%;font-size:1rem;padding:.6rem;margin-top:.25rem;border:1px solid #888;border-radius:.4rem}
      button{font-size:1rem;padding:.65rem 1.2rem;margin-top:1.25rem;margin-right:.5rem;border-radius:.4rem;border:1px solid #1a56db;background:#1a56db;color:#fff;cursor:pointer;min-height:44px}
      button.secondary{background:transparent;color:inherit;border-color:#888}
      :focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
      .error{color:#b91c1c;background:#fee2e2;border:1px solid #b91c1c;border-radius:.4rem;padding:.5rem .75rem}
      @media (prefers-color-scheme:dark){.error{color:#fecaca;background:#450a0a}}
      ul{padding-left:1.25rem}
      .muted{opacity:.8;font-size:.9rem}
      """;
  static final String STYLE_HASH = "'sha256-" + sha256(CSS) + "'";

  /** The policy of a page without scripts whose forms post to {@code formAction} (CSP source list). */
  static String policy(String formAction, String scriptNonce) {
    return "default-src 'none'; style-src " + STYLE_HASH
        + (scriptNonce == null ? "" : "; script-src 'nonce-" + scriptNonce + "'")
        + "; form-action " + formAction + "; frame-ancestors 'none'; base-uri 'none'";
  }

  static String layout(String title, String body) {
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<meta name=\"referrer\" content=\"no-referrer\">"
        + "<title>" + Html.escape(title) + " · Gatehouse</title><style>" + CSS + "</style></head>\n"
        + "<body><main>\n" + body + "\n</main></body></html>\n";
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + Html.escape(name) + "\" value=\"" + Html.escape(value) + "\">";
  }

  private static String sha256(String text) {
    try {
      return Base64.getEncoder().encodeToString(
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
    }
  }
}
