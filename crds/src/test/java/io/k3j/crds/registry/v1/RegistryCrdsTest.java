package io.k3j.crds.registry.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.crdv2.generator.CRDGenerator;
import io.fabric8.kubernetes.client.CustomResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in ImageSet and RegistryMirror CRD YAML is what the Java types generate. Run with
 * {@code -Dk3j.crds.update=true} to rewrite the checked-in copies after changing the types.
 */
class RegistryCrdsTest {
  static final String IMAGE_SETS = "imagesets.registry.k3j.io-v1.yml";
  static final String MIRRORS = "registrymirrors.registry.k3j.io-v1.yml";
  static final Path CHECKED_IN = Path.of("src/main/resources/crds");

  @TempDir Path dir;

  @Test
  @DisplayName("the checked-in ImageSet CRD equals the one generated from the Java types")
  void imageSetCrdMatchesTypes() throws IOException {
    check(ImageSet.class, IMAGE_SETS);
  }

  @Test
  @DisplayName("the checked-in RegistryMirror CRD equals the one generated from the Java types")
  void registryMirrorCrdMatchesTypes() throws IOException {
    check(RegistryMirror.class, MIRRORS);
  }

  private void check(Class<? extends CustomResource<?, ?>> type, String file) throws IOException {
    new CRDGenerator()
        .customResourceClasses(type)
        .forCRDVersions("v1")
        .inOutputDir(dir.toFile())
        .generate();
    String generated = Files.readString(dir.resolve(file), StandardCharsets.UTF_8);
    Path checkedIn = CHECKED_IN.resolve(file);
    if (Boolean.getBoolean("k3j.crds.update")) {
      Files.writeString(checkedIn, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.readString(checkedIn, StandardCharsets.UTF_8))
        .as("%s is stale: run this test with -Dk3j.crds.update=true", checkedIn)
        .isEqualTo(generated);
  }
}
