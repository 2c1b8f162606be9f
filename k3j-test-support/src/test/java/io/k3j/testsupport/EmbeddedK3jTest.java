package io.k3j.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EmbeddedK3jTest {

  @Test
  @DisplayName(
      "an embedded k3j serves its API and datastore and leaves no files behind when closed")
  void startsAndCleansUp() {
    Path dataDir;
    try (EmbeddedK3j k3j = EmbeddedK3j.start()) {
      dataDir = k3j.dataDir();
      k3j.datastore().create("/test/a", "a".getBytes(StandardCharsets.UTF_8), 0).join();
      assertThat(k3j.datastore().count("/test/")).isEqualTo(1);
      assertThat(k3j.kubeconfig()).exists();
      assertThat(k3j.port()).isPositive();
      assertThat(dataDir.resolve("server/db/state.db")).exists();
    }
    assertThat(dataDir).doesNotExist();
  }
}
