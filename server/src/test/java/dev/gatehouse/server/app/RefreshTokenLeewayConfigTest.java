package dev.gatehouse.server.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY (docs/configuration.md). */
class RefreshTokenLeewayConfigTest {
  @Test
  void defaultsToTenSeconds() {
    assertThat(GatehouseConfig.fromEnvironment(Map.of()).refreshTokenReuseLeeway()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void zeroTurnsTheLeewayOff() {
    assertThat(GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY", "0s"))
        .refreshTokenReuseLeeway()).isZero();
  }

  @Test
  void longerThanFiveMinutesIsRefused() {
    assertThatThrownBy(() -> GatehouseConfig.fromEnvironment(Map.of("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY", "10m")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("GATEHOUSE_REFRESH_TOKEN_REUSE_LEEWAY");
  }
}
