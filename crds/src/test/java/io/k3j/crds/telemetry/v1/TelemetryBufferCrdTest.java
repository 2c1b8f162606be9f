package io.k3j.crds.telemetry.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in CRD YAML is what the Java types generate. Run with {@code -Dk3j.crds.update=true}
 * to rewrite the checked-in copy after changing the types.
 */
class TelemetryBufferCrdTest {
  static final String FILE = "telemetrybuffers.telemetry.k3j.io-v1.yml";
  static final Path CHECKED_IN = Path.of("src/main/resources/crds").resolve(FILE);

  @Test
  @DisplayName("the checked-in TelemetryBuffer CRD equals the one generated from the Java types")
  void checkedInCrdMatchesTypes(@TempDir Path dir) throws IOException {
    new CRDGenerator()
        .customResourceClasses(TelemetryBuffer.class)
        .forCRDVersions("v1")
        .inOutputDir(dir.toFile())
        .generate();
    String generated = Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8);
    if (Boolean.getBoolean("k3j.crds.update")) {
      Files.writeString(CHECKED_IN, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(CHECKED_IN, StandardCharsets.UTF_8))
        .as("%s is stale: run this test with -Dk3j.crds.update=true", CHECKED_IN)
        .isEqualTo(generated);
  }
}
