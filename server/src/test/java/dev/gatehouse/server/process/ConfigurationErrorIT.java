package dev.gatehouse.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docs/configuration.md: a missing or malformed value stops {@code serve} with exit status 2
 * and one line on stderr naming the variable, never a stack trace, before anything is created.
 * Checked on the real jar, so picocli's exception handler and {@code Main}'s exit are in the path.
 */
class ConfigurationErrorIT {
  /** base64url of 16 bytes: a key of the wrong size, which the error must not echo. */
  private static final String SHORT_KEY = "dG9vLXNob3J0LXNlY3JldA";

  @TempDir Path dir;

  static Stream<Arguments> badConfigurations() {
    String url = "jdbc:postgresql://127.0.0.1:9/gatehouse";
    return Stream.of(
        Arguments.of("GATEHOUSE_HTTP_PORT", Map.of("GATEHOUSE_HTTP_PORT", "eighty")),
        Arguments.of("GATEHOUSE_ISSUER", Map.of("GATEHOUSE_ISSUER", "ftp://x")),
        Arguments.of("GATEHOUSE_KEY_ENCRYPTION_KEY", Map.of("GATEHOUSE_DATABASE_URL", url)),
        Arguments.of("GATEHOUSE_KEY_ENCRYPTION_KEY",
            Map.of("GATEHOUSE_DATABASE_URL", url, "GATEHOUSE_KEY_ENCRYPTION_KEY", SHORT_KEY)));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("badConfigurations")
  void serveWithABadValueExitsWithStatus2AndOneLineNamingTheVariable(
      String variable, Map<String, String> env) throws Exception {
    try (GatehouseProcess serve = GatehouseProcess.start(dir, "serve", env, "serve")) {
      int exit = serve.awaitExit(Duration.ofSeconds(60));

      List<String> errLines = serve.stderrLines();
      assertThat(exit).as("stderr: %s", errLines).isEqualTo(2);
      assertThat(errLines).singleElement(STRING)
          .startsWith("gatehouse: configuration error: " + variable + ": ");
      for (String output : List.of(serve.stdout(), serve.stderr())) {
        assertThat(output).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(SHORT_KEY);
      }
      assertThat(serve.stdout()).isBlank();
    }
    // Validation comes first: no ./gatehouse-data (or anything else) in the working directory.
    try (Stream<Path> created = Files.list(dir.resolve("cwd"))) {
      assertThat(created).isEmpty();
    }
  }
}
