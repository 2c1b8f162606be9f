package io.k3j.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("JVM flag check before start-up")
class JvmFlagsTest {

  @Test
  @DisplayName("with the build's flags nothing is missing")
  void buildFlagsAreEnough() {
    assertThat(JvmFlags.missing()).isEmpty();
  }

  @Test
  @DisplayName("a module without the opens/exports is reported with the exact flags to add")
  void namedModuleLacksThem() {
    Module javaSql = java.sql.Connection.class.getModule();

    assertThat(JvmFlags.missing(Object.class.getModule(), javaSql))
        .containsExactly(
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");
  }
}
